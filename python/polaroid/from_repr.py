"""``pl.from_repr``: a DataFrame or Series from the text Polars prints for it (its box-drawn table, or
``Series: 'name' [dtype]`` and a bracketed list). Rows elided with ``…`` are left out, as in Polars."""
from __future__ import annotations

import re

import pyarrow as pa

_TYPES = {"i8": pa.int8(), "i16": pa.int16(), "i32": pa.int32(), "i64": pa.int64(), "u8": pa.uint8(),
          "u16": pa.uint16(), "u32": pa.uint32(), "u64": pa.uint64(), "f32": pa.float32(), "f64": pa.float64(),
          "str": pa.string(), "bool": pa.bool_(), "date": pa.date32(), "time": pa.time64("ns"), "null": pa.null()}
_UNITS = {"ns": "ns", "μs": "us", "us": "us", "ms": "ms"}


def _arrow_type(text: str):
    text = text.strip()
    if text in _TYPES:
        return _TYPES[text]
    m = re.fullmatch(r"datetime\[(ns|μs|us|ms)(?:, ([^\]]+))?\]", text)
    if m:
        return pa.timestamp(_UNITS[m.group(1)], m.group(2))
    m = re.fullmatch(r"duration\[(ns|μs|us|ms)\]", text)
    if m:
        return pa.duration(_UNITS[m.group(1)])
    m = re.fullmatch(r"decimal\[(\d+),\s*(\d+)\]", text)
    if m:
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    raise ValueError("from_repr: Polaroid does not read the type %r" % text)


def _column(values: list, arrow_type):
    """Printed values as a column of ``arrow_type`` (``null`` is a null)."""
    cells = [None if v == "null" else v for v in values]
    if arrow_type == pa.string():
        return pa.array([c[1:-1] if c is not None and len(c) > 1 and c[0] == c[-1] == '"' else c for c in cells],
                        pa.string())
    if pa.types.is_timestamp(arrow_type):
        cells = [None if c is None else c.replace(" ", "T") for c in cells]
        return pa.compute.cast(pa.array(cells, pa.string()), pa.timestamp(arrow_type.unit)).cast(arrow_type)
    if pa.types.is_duration(arrow_type) or pa.types.is_time(arrow_type):
        raise ValueError("from_repr: Polaroid does not read %s values" % arrow_type)
    return pa.compute.cast(pa.array(cells, pa.string()), arrow_type)


def _cells(line: str) -> list:
    return [c.strip() for c in re.split(r"[│┆|]", line.strip())[1:-1]]


def from_repr(data: str):
    import pyarrow.compute  # noqa: F401 - pa.compute
    from polaroid.frame import DataFrame
    from polaroid.series import Series
    lines = [ln for ln in data.strip().splitlines() if ln.strip()]
    series = next((i for i, ln in enumerate(lines) if ln.strip().startswith("Series:")), None)
    if series is not None:
        m = re.match(r"\s*Series:\s*'(.*)'\s*\[(.*)\]\s*$", lines[series])
        if not m:
            raise ValueError("from_repr: cannot read the Series header %r" % lines[series])
        body = [ln.strip() for ln in lines[series + 1:] if ln.strip() not in ("[", "]", "…")]
        return Series(m.group(1), pa.chunked_array([_column(body, _arrow_type(m.group(2)))]))
    rows = [_cells(ln) for ln in lines if ln.strip()[:1] in ("│", "|")]
    if len(rows) < 3 or set(rows[1]) != {"---"}:
        raise ValueError("from_repr: not a Polars DataFrame or Series repr")
    names, types, body = rows[0], rows[2], [r for r in rows[3:] if set(r) != {"…"}]
    return DataFrame(pa.table({n: _column([r[i] for r in body], _arrow_type(t))
                               for i, (n, t) in enumerate(zip(names, types))}))
