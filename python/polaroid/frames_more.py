"""Polars' module functions over whole frames: ``align_frames``, ``merge_sorted``, ``json_normalize``,
``from_dataframe`` / ``scan_arrow_c_stream`` (anything that exports an Arrow C stream, such as a Polars or
pandas frame), ``scan_pyarrow_dataset``."""
from __future__ import annotations

import functools
import json

import pyarrow as pa


def align_frames(*frames, on, how: str = "full", select=None, descending=False) -> list:
    """The frames on one common, sorted set of ``on`` keys: every key of any frame, a row of nulls where a
    frame lacks one (``how="full"``; ``"left"``: the keys of the first frame, ``"inner"``: of every frame)."""
    from polaroid.frame import DataFrame
    from polaroid.toplevel import concat
    items = list(frames[0]) if len(frames) == 1 and not hasattr(frames[0], "lazy") else list(frames)
    if not items:
        return []
    eager = all(isinstance(f, DataFrame) for f in items)
    lazy = [f.lazy() for f in items]
    keys_of = [f.select(on) for f in lazy]
    if how == "full":
        keys = concat(keys_of).unique()
    elif how == "left":
        keys = keys_of[0].unique()
    elif how == "inner":
        keys = functools.reduce(lambda a, b: a.join(b, on=on, how="semi"), keys_of).unique()
    else:
        raise ValueError("align_frames(how=%r): Polaroid aligns 'full', 'left' or 'inner'" % (how,))
    # the keys are unique: sorting after the join orders the rows whatever order a join keeps
    out = [keys.join(f, on=on, how="left").sort(on, descending=descending) for f in lazy]
    if select is not None:
        out = [f.select(select) for f in out]
    return [f.collect() for f in out] if eager else out


def merge_sorted(items, key, *, maintain_order: bool = False):
    """Frames each sorted by ``key`` as one sorted frame; equal keys keep the frames' order."""
    items = list(items)
    if not items:
        raise ValueError("merge_sorted needs at least one frame")
    return functools.reduce(lambda a, b: a.merge_sorted(b, key), items)


def _flatten(record: dict, prefix: str, separator: str, level: int, max_level, out: dict) -> dict:
    for name, value in record.items():
        full = prefix + str(name)
        if isinstance(value, dict) and (max_level is None or level < max_level):
            _flatten(value, full + separator, separator, level + 1, max_level, out)
        elif isinstance(value, dict):
            out[full] = json.dumps(value)  # deeper than max_level: its JSON text, as Polars
        else:
            out[full] = value
    return out


def json_normalize(data, *, separator: str = ".", max_level: int | None = None, schema=None, strict: bool = True,
                   infer_schema_length: int | None = 100, encoder=None):
    """Nested records as flat columns named ``outer.inner``."""
    from polaroid.frame import DataFrame
    records = [data] if isinstance(data, dict) else list(data)
    rows = [_flatten(r, "", separator, 0, max_level, {}) if isinstance(r, dict) else {} for r in records]
    names = list(dict.fromkeys(n for r in rows for n in r))
    table = pa.table({n: [r.get(n) for r in rows] for n in names})
    frame = DataFrame(table)
    return frame.cast(dict(schema)) if schema is not None else frame


def _plain(table):
    """Views and large strings as the plain strings the engine reads."""
    def plain(t):
        if t in (pa.large_string(), getattr(pa, "string_view", pa.string)()):
            return pa.string()
        if pa.types.is_large_list(t) or pa.types.is_list(t):
            return pa.list_(plain(t.value_type))
        return t
    schema = pa.schema([f.with_type(plain(f.type)) for f in table.schema])
    return table if schema.equals(table.schema) else table.cast(schema)


def from_dataframe(df, *, rechunk: bool = True):
    """A frame from anything that exports Arrow (``__arrow_c_stream__``) or the dataframe interchange protocol."""
    from polaroid.frame import DataFrame
    if hasattr(df, "__arrow_c_stream__"):
        table = pa.table(df)
    elif hasattr(df, "__dataframe__"):
        table = pa.interchange.from_dataframe(df)
    else:
        raise TypeError("from_dataframe takes an object with __arrow_c_stream__ or __dataframe__, not %s"
                        % type(df).__name__)
    table = _plain(table)
    return DataFrame(table.combine_chunks() if rechunk else table)


def scan_arrow_c_stream(source):
    return from_dataframe(source).lazy()


def scan_pyarrow_dataset(source, *, allow_pyarrow_filter: bool = True, batch_size: int | None = None):
    """A lazy frame over a ``pyarrow.dataset.Dataset`` (read in this process)."""
    from polaroid.frame import DataFrame
    return DataFrame(_plain(source.to_table())).lazy()
