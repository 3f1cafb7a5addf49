"""Still more of Polars' DataFrame: the lazy compositions run at once (``interpolate``, ``update``,
``match_to_schema``, ``corr``, ``to_dummies``' string forms), and what reads the rows already here
(``glimpse``, ``show``, ``to_init_repr``, ``rows_by_key``, ``sample``, ``gather``, ``is_sorted``,
``map_columns``, ``serialize``/``deserialize`` as Arrow IPC)."""
from __future__ import annotations

import random
from collections import defaultdict
from typing import Any, Callable

import pyarrow as pa

from polaroid.dates import add_months, months_and_micros
from polaroid.numpy_pandas import DataFrameNumpy


def _names(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def short_dtype(t) -> str:
    """Polars' short name of a type (``i64``, ``str``, ``datetime[μs]``), as its glimpse and headers show it."""
    simple = {pa.int8(): "i8", pa.int16(): "i16", pa.int32(): "i32", pa.int64(): "i64", pa.uint8(): "u8",
              pa.uint16(): "u16", pa.uint32(): "u32", pa.uint64(): "u64", pa.float32(): "f32", pa.float64(): "f64",
              pa.string(): "str", pa.large_string(): "str", pa.bool_(): "bool", pa.date32(): "date", pa.null(): "null"}
    if t in simple:
        return simple[t]
    if pa.types.is_timestamp(t):
        unit = {"s": "s", "ms": "ms", "us": "μs", "ns": "ns"}[t.unit]
        return "datetime[%s%s]" % (unit, ", " + t.tz if t.tz else "")
    if pa.types.is_decimal(t):
        return "decimal[%d,%d]" % (t.precision, t.scale)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return "list[%s]" % short_dtype(t.value_type)
    return str(t)


def dtype_repr(t) -> str:
    """A type as Polars' ``to_init_repr`` writes it (``pl.Int64``, ``pl.Datetime(time_unit='us', ...)``)."""
    simple = {pa.int8(): "Int8", pa.int16(): "Int16", pa.int32(): "Int32", pa.int64(): "Int64", pa.uint8(): "UInt8",
              pa.uint16(): "UInt16", pa.uint32(): "UInt32", pa.uint64(): "UInt64", pa.float32(): "Float32",
              pa.float64(): "Float64", pa.string(): "String", pa.large_string(): "String", pa.bool_(): "Boolean",
              pa.date32(): "Date", pa.null(): "Null"}
    if t in simple:
        return "pl." + simple[t]
    if pa.types.is_timestamp(t):
        return "pl.Datetime(time_unit=%r, time_zone=%r)" % (t.unit, t.tz)
    if pa.types.is_decimal(t):
        return "pl.Decimal(precision=%d, scale=%d)" % (t.precision, t.scale)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return "pl.List(%s)" % dtype_repr(t.value_type)
    raise ValueError("to_init_repr: no Polars name for the type %s" % t)


def series_init_repr(name: str, values, n: int) -> str:
    return "pl.Series(%r, %r, dtype=%s)" % (name, values.slice(0, n).to_pylist(), dtype_repr(values.type))


def dummies(frame, columns, separator: str, drop_first: bool, drop_nulls: bool):
    """Polars' ``to_dummies``: per chosen column, one 0/1 column per distinct value (as the backend casts
    it to a string, ``null`` for nulls, in string order), the other columns as they are."""
    from polaroid import datatypes as _types
    from polaroid.expr import col
    names = frame.columns if columns is None else _names(columns)
    floats = [n for n in names if pa.types.is_floating(frame._arrow_schema().field(n).type)]
    as_text = frame.lazy().select([col(n).cast(_types.String) for n in names if n not in floats]).collect().to_arrow()
    for n in floats:
        as_text = as_text.append_column(n, pa.array([_float_text(v) for v in frame.to_arrow().column(n).to_pylist()],
                                                    pa.string()))
    out = {}
    for name in frame.columns:
        if name not in names:
            out[name] = frame.to_arrow().column(name)
            continue
        text = ["null" if v is None else v for v in as_text.column(name).to_pylist()]
        levels = sorted(set(text))
        if drop_nulls and None in as_text.column(name).to_pylist():
            levels.remove("null")
        first = next((v for v in as_text.column(name).to_pylist() if v is not None), None)
        if drop_first and first is not None:  # the first value to appear that is not null, as Polars
            levels.remove(first)
        for level in levels:
            out["%s%s%s" % (name, separator, level)] = pa.array([int(v == level) for v in text], pa.int64())
    return type(frame)(pa.table(out), backend=frame._backend)


def _duration(every) -> tuple:
    """Polars' duration string (``1h30m``, ``1mo``, ``2w``) as (months, microseconds)."""
    months, micros = months_and_micros(every)
    if months < 0 or months == 0 and micros <= 0:
        raise ValueError("upsample(every=%r): a positive duration such as '1h', '30m', '2d', '1mo'" % (every,))
    if micros != int(micros):
        raise ValueError("upsample(every=%r): Polaroid steps by whole microseconds" % (every,))
    return months, int(micros)


def _grid(start, end, months: int, micros: int) -> list:
    """``start``, ``start + every``, ... up to ``end``, each step counted from ``start`` (as Polars)."""
    import datetime as dt
    if months <= 0 and micros <= 0:
        raise ValueError("upsample: every must be positive")
    out, k = [], 0
    while True:
        value = add_months(start, months * k) if months else start
        value = value + dt.timedelta(microseconds=micros * k)
        if value > end:
            return out
        out.append(value)
        k += 1


def _float_text(v):
    """A float as Polars casts it to a string (``4.0``, ``NaN``, ``inf``)."""
    if v is None:
        return None
    if v != v:
        return "NaN"
    text = repr(v)
    if "e" in text:
        raise ValueError("to_dummies of the float %r: Polaroid does not write exponents as Polars does" % v)
    return text


class DataFrameExtra(DataFrameNumpy):
    """Mixed into ``DataFrame`` (``self._table`` is its ``pyarrow.Table``)."""

    def _lazily(self, name: str, *args, **kwargs):
        args = [a.lazy() if isinstance(a, DataFrameExtra) else a for a in args]
        return getattr(self.lazy(), name)(*args, **kwargs).collect()

    def interpolate(self):
        return self._lazily("interpolate")

    def update(self, other, on: Any = None, how: str = "left", **options):
        """``LazyFrame.update``, run at once on this frame's backend."""
        return self._lazily("update", other, on, how, **options)

    def match_to_schema(self, schema, **options):
        """``LazyFrame.match_to_schema``, run at once on this frame's backend."""
        return self._lazily("match_to_schema", schema, **options)

    def corr(self, *, label: str | None = None, **kwargs):
        """The Pearson correlation of every pair of columns, as a square frame (a first column of the
        names with ``label``), computed in one query."""
        from polaroid.toplevel import corr
        names = self.columns
        if kwargs:
            raise ValueError("corr(%s): Polaroid's frame corr takes only label" % ", ".join(kwargs))
        row = self.lazy().select([corr(a, b).alias("%d_%d" % (i, j)) for i, a in enumerate(names)
                                  for j, b in enumerate(names)]).collect().to_arrow()
        out = {label: pa.array(names, pa.string())} if label is not None else {}
        for j, b in enumerate(names):
            out[b] = pa.array([row.column("%d_%d" % (i, j))[0].as_py() for i in range(len(names))], pa.float64())
        return type(self)(pa.table(out), backend=self._backend)

    def to_dummies(self, columns=None, *, separator: str = "_", drop_first: bool = False, drop_nulls: bool = False):
        return dummies(self, columns, separator, drop_first, drop_nulls)

    def glimpse(self, *, max_items_per_column: int = 10, max_colname_length: int = 50, return_type: str | None = None):
        """A line per column: name, type and first values (``return_type``: ``'string'``, ``'frame'``, ``'self'``;
        by default printed)."""
        if return_type not in (None, "frame", "self", "string"):
            raise ValueError("invalid `return_type`; found %r, expected one of 'string', 'frame', 'self', or None"
                             % (return_type,))
        shown = min(max_items_per_column, self.height)
        data = []
        for name, column in zip(self.columns, self._table.columns):
            show = repr if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) else str
            values = [None if v is None else show(v) for v in column.slice(0, shown).to_pylist()]
            if len(name) > max_colname_length:
                name = name[:max_colname_length - 1] + "…"
            kind = short_dtype(column.type)
            data.append((name, kind if return_type == "frame" else "<%s>" % kind, values))
        if return_type == "frame":
            return type(self)(pa.table({"column": [d[0] for d in data], "dtype": [d[1] for d in data],
                                        "values": pa.array([d[2] for d in data], pa.list_(pa.string()))}),
                              backend=self._backend)
        width_name = max((len(d[0]) for d in data), default=0)
        width_type = max((len(d[1]) for d in data), default=0)
        text = "Rows: %d\nColumns: %d\n" % (self.height, self.width) + "".join(
            "$ %s %s %s\n" % (n.ljust(width_name), t.rjust(width_type), ", ".join("null" if v is None else v for v in vs))
            for n, t, vs in data)
        if return_type == "string":
            return text
        print(text)
        return self if return_type == "self" else None

    def show(self, limit: int | None = 5, **_format) -> None:
        """Prints the first ``limit`` rows (all with None)."""
        print(self if limit is None else self.head(limit))

    def to_init_repr(self, n: int = 1000) -> str:
        """Python code that makes the first ``n`` rows again (as Polars writes it)."""
        lines = ["pl.DataFrame(", "    ["]
        lines += ["        %s," % series_init_repr(name, column, n)
                  for name, column in zip(self.columns, self._table.columns)]
        return "\n".join(lines + ["    ]", ")", ""])

    def rows_by_key(self, key, *, named: bool = False, include_key: bool = False, unique: bool = False) -> dict:
        """The rows (tuples, or dicts with ``named``) by their ``key`` value (a tuple for several keys):
        a list of rows per key, or the last row with ``unique``."""
        key = _names(key)
        keys = self._table.column(key[0]).to_pylist() if len(key) == 1 else \
            list(zip(*[self._table.column(k).to_pylist() for k in key]))
        table = self._table if include_key else self._table.drop_columns(key)
        rows = table.to_pylist() if named else [tuple(r.values()) for r in table.to_pylist()]
        if table.num_columns == 0:
            rows = [{} if named else () for _ in range(self.height)]
        if unique:
            return dict(zip(keys, rows))
        out: dict = defaultdict(list)
        for k, r in zip(keys, rows):
            out[k].append(r)
        return out

    def sample(self, n: int | None = None, *, fraction: float | None = None, with_replacement: bool = False,
               shuffle: bool = False, seed: int | None = None):
        """``n`` rows (or ``fraction`` of them) drawn at random, each at most once unless ``with_replacement``;
        in row order unless ``shuffle``. Polars' random generator is not Polaroid's: the same ``seed``
        draws the same rows here, not the rows Polars draws."""
        if n is not None and fraction is not None:
            raise ValueError("cannot specify both `n` and `fraction`")
        height = self.height
        count = int(fraction * height) if fraction is not None else (1 if n is None else n)
        if count < 0:
            raise ValueError("sample: a negative number of rows")
        if not with_replacement and count > height:
            raise ValueError("cannot take a larger sample than the total population when `with_replacement=false`")
        rng = random.Random(seed)
        if with_replacement:
            picked = [rng.randrange(height) for _ in range(count)] if height else []
        else:
            picked = rng.sample(range(height), count)
        if not shuffle:
            picked.sort()
        return type(self)(self._table.take(pa.array(picked, pa.int64())), backend=self._backend)

    def gather(self, indices, *, null_on_oob: bool = False):
        """The rows at ``indices`` (negative from the end); out of bounds is an error, or a null row
        with ``null_on_oob``."""
        indices = [indices] if isinstance(indices, int) else \
            (indices.to_list() if hasattr(indices, "to_list") else list(indices))
        height, picked = self.height, []
        for i in indices:
            j = None if i is None else (i + height if i < 0 else i)
            if j is not None and not 0 <= j < height:
                if not null_on_oob:
                    raise IndexError("gather indices are out of bounds")
                j = None
            picked.append(j)
        return type(self)(self._table.take(pa.array(picked, pa.int64())), backend=self._backend)

    def is_sorted(self, by, *more_by, descending=False, nulls_last=False) -> bool:
        """Whether the rows are in the order ``sort(by, ...)`` gives."""
        keys = _names(by) + [k for m in more_by for k in _names(m)]
        ordered = self.lazy().select(keys).sort(keys, descending=descending, nulls_last=nulls_last,
                                                maintain_order=True).collect().to_arrow()
        return ordered.equals(self._table.select(keys))

    def map_columns(self, column_names, function: Callable, *args, **kwargs):
        """The named columns replaced by ``function(series, *args, **kwargs)``."""
        table = self._table
        for name in _names(column_names):
            result = function(self.get_column(name), *args, **kwargs)
            table = table.set_column(table.column_names.index(name), result.name, result.to_arrow())
        return type(self)(table, backend=self._backend)

    def upsample(self, time_column: str, *, every, group_by=None, maintain_order: bool = False):
        """A row for every ``every`` from the first to the last time (of each ``group_by`` group), with
        the values of the rows at that time (nulls where there is none), as Polars; groups in order of
        first appearance, times ascending."""
        import datetime as dt
        from polaroid.expr import col
        months, micros = _duration(every)
        t = self._table.schema.field(time_column).type
        if pa.types.is_date32(t) and micros % 86_400_000_000:
            raise ValueError("upsample of the date column %r: every must be whole days or months" % time_column)
        if not (pa.types.is_date32(t) or pa.types.is_timestamp(t)):
            raise ValueError("upsample: %r is %s, not a date or datetime" % (time_column, t))
        keys = [] if group_by is None else _names(group_by)
        groups: dict = {}
        for row in zip(*[self._table.column(n).to_pylist() for n in [time_column, *keys]]):
            if row[0] is not None:
                low, high = groups.get(row[1:], (row[0], row[0]))
                groups[row[1:]] = (min(low, row[0]), max(high, row[0]))
        grid: dict = {n: [] for n in [time_column, *keys, "__group"]}
        for position, (key, (low, high)) in enumerate(groups.items()):
            times = _grid(low, high, months, micros)
            if pa.types.is_date32(t):
                times = [v if not isinstance(v, dt.datetime) else v.date() for v in times]
            grid[time_column] += times
            for name, value in zip(keys, key):
                grid[name] += [value] * len(times)
            grid["__group"] += [position] * len(times)
        from polaroid.frame import from_arrow
        frame = from_arrow(pa.table(grid, schema=pa.schema(
            [self._table.schema.field(n) for n in [time_column, *keys]] + [pa.field("__group", pa.int64())])),
            backend=self._backend)
        on = [time_column, *keys]
        joined = frame.join(self.lazy(), how="left", left_on=[col(n) for n in on], right_on=[col(n) for n in on])
        return joined.sort("__group", time_column, maintain_order=True).select(self.columns).collect()

    def unstack(self, *, step: int, how: str = "vertical", columns=None, fill_values=None):
        """Each column cut into pieces of ``step`` rows (``vertical``), or dealt out to ``step`` columns
        row by row (``horizontal``), named ``name_0``, ``name_1``...; the last piece padded with
        ``fill_values`` (one, or one per column), as Polars."""
        import math
        if how not in ("vertical", "horizontal"):
            raise ValueError("unstack(how=%r): 'vertical' or 'horizontal'" % (how,))
        table = self._table if columns is None else self._table.select(_names(columns))
        height = table.num_rows
        n_rows, n_cols = (step, math.ceil(height / step)) if how == "vertical" else (math.ceil(height / step), step)
        fills = fill_values if isinstance(fill_values, list) else [fill_values] * table.num_columns
        digits = math.floor(math.log10(n_cols)) + 1 if n_cols else 1
        out = {}
        for name, column, fill in zip(table.column_names, table.columns, fills):
            values = column.to_pylist() + [fill] * (n_cols * n_rows - height)
            if how == "horizontal":
                values = [values[r * n_cols + c] for c in range(n_cols) for r in range(n_rows)]
            for piece in range(n_cols):
                out["%s_%s" % (name, str(piece).zfill(digits))] = pa.array(values[piece * n_rows:(piece + 1) * n_rows],
                                                                          column.type)
        return type(self)(pa.table(out), backend=self._backend)

    def serialize(self, file=None, *, format: str = "binary"):
        """The frame as Arrow IPC stream bytes (Polaroid's form, not Polars'), or written to ``file``."""
        if format != "binary":
            raise ValueError("DataFrame.serialize(format=%r): Polaroid serializes frames as Arrow IPC ('binary')"
                             % (format,))
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, self._table.schema) as writer:
            writer.write_table(self._table)
        data = sink.getvalue().to_pybytes()
        if file is None:
            return data
        if hasattr(file, "write"):
            file.write(data)
        else:
            with open(file, "wb") as f:
                f.write(data)
        return None

    @classmethod
    def deserialize(cls, source, *, format: str = "binary", backend=None):
        """A frame from what ``serialize`` wrote (bytes, a path or a binary file)."""
        if format != "binary":
            raise ValueError("DataFrame.deserialize(format=%r): Polaroid reads Arrow IPC ('binary')" % (format,))
        if hasattr(source, "read"):
            source = source.read()
        elif not isinstance(source, bytes):
            with open(source, "rb") as f:
                source = f.read()
        return cls(pa.ipc.open_stream(source).read_all(), backend=backend)
