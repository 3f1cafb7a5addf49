"""Polars' range and constant constructors (``date_range``, ``datetime_range``, ``time_range``,
``date_ranges``, ``int_ranges``, ``linear_space``, ``arange``, ``repeat``, ``ones``, ``zeros``), made eagerly
as Series (``eager=True``; Polaroid has no lazy form of them), ``from_epoch``, line and JSON readers,
and ``collect_all_async`` / ``explain_all``."""
from __future__ import annotations

import datetime as _dt
from typing import Any

import pyarrow as pa

from polaroid import datatypes as _types
from polaroid.dates import add_months, months_and_micros

def _interval(interval) -> tuple:
    """``"1mo2d"`` / a timedelta as (months, whole microseconds)."""
    months, micros = months_and_micros(interval)
    return months, int(micros)


def _steps(start, end, interval, closed: str) -> list:
    months, micros = _interval(interval)
    if months < 0 or months == 0 and micros <= 0:
        raise ValueError("interval must be positive")
    out, k = [], 0
    while True:
        value = add_months(start, months * k) + _dt.timedelta(microseconds=micros * k)
        if value > end:
            break
        out.append(value)
        k += 1
    if closed in ("right", "none") and out and out[0] == start:
        out = out[1:]
    if closed in ("left", "none") and out and out[-1] == end:
        out = out[:-1]
    return out


def _eager_only(name: str, eager: bool) -> None:
    if not eager:
        raise ValueError("pl.%s: Polaroid builds this range eagerly, as a Series: pass eager=True" % name)


def _series(name: str, values, arrow_type):
    from polaroid.series import Series
    return Series(name, pa.chunked_array([pa.array(values, type=arrow_type)]))


def _as_datetime(v):
    return v if isinstance(v, _dt.datetime) else _dt.datetime(v.year, v.month, v.day)


def date_range(start, end, interval="1d", *, closed: str = "both", eager: bool = False):
    _eager_only("date_range", eager)
    return _series("literal", [d.date() for d in _steps(_as_datetime(start), _as_datetime(end), interval, closed)],
                   pa.date32())


def date_ranges(start, end, interval="1d", *, closed: str = "both", eager: bool = False):
    _eager_only("date_ranges", eager)
    return _series("literal", [date_range(start, end, interval, closed=closed, eager=True).to_list()],
                   pa.list_(pa.date32()))


def datetime_range(start, end, interval="1d", *, closed: str = "both", time_unit: str | None = None,
                   time_zone: str | None = None, eager: bool = False):
    _eager_only("datetime_range", eager)
    if time_zone is not None:
        raise ValueError("pl.datetime_range: Polaroid makes ranges without a time zone (cast them afterwards)")
    unit = time_unit or ("ns" if isinstance(interval, str) and "ns" in interval else "us")
    return _series("literal", _steps(_as_datetime(start), _as_datetime(end), interval, closed), pa.timestamp(unit))


def datetime_ranges(start, end, interval="1d", *, closed: str = "both", time_unit: str | None = None,
                    time_zone: str | None = None, eager: bool = False):
    _eager_only("datetime_ranges", eager)
    one = datetime_range(start, end, interval, closed=closed, time_unit=time_unit, time_zone=time_zone, eager=True)
    return _series("literal", [one.to_list()], pa.list_(one.dtype))


def time_range(start=None, end=None, interval="1h", *, closed: str = "both", eager: bool = False):
    _eager_only("time_range", eager)
    day = _dt.date(2000, 1, 1)
    start = _dt.datetime.combine(day, start or _dt.time(0))
    end = _dt.datetime.combine(day, end or _dt.time(23, 59, 59, 999999))
    return _series("literal", [t.time() for t in _steps(start, end, interval, closed)], pa.time64("ns"))


def int_ranges(start=0, end=None, step=1, *, dtype=None, eager: bool = False):
    _eager_only("int_ranges", eager)
    if end is None:
        start, end = 0, start
    element = pa.int64() if dtype is None else _arrow(dtype)
    return _series("literal", [list(range(start, end, step))], pa.list_(element))


def arange(start=0, end=None, step: int = 1, *, dtype=None, eager: bool = False):
    _eager_only("arange", eager)
    if end is None:
        start, end = 0, start
    return _series("literal", list(range(start, end, step)), pa.int64() if dtype is None else _arrow(dtype))


def linear_space(start, end, num_samples: int, *, closed: str = "both", eager: bool = False):
    """``num_samples`` evenly spaced numbers from ``start`` to ``end`` (which ends are in: ``closed``)."""
    _eager_only("linear_space", eager)
    n = num_samples
    # Polars' arithmetic: start plus a whole number of steps, each step one division of the span
    divisions = {"both": n - 1, "left": n, "right": n, "none": n + 1}
    if closed not in divisions:
        raise ValueError("closed is one of 'both', 'left', 'right', 'none', not %r" % (closed,))
    first = 1 if closed in ("right", "none") else 0
    step = (end - start) / divisions[closed] if divisions[closed] else 0.0
    values = [start + step * (i + first) for i in range(n)]
    return _series("literal", [float(v) for v in values], pa.float64())


def linear_spaces(start, end, num_samples: int, *, closed: str = "both", as_array: bool = False,
                  eager: bool = False):
    _eager_only("linear_spaces", eager)
    one = linear_space(start, end, num_samples, closed=closed, eager=True).to_list()
    return _series("literal", [one], pa.list_(pa.float64(), len(one)) if as_array else pa.list_(pa.float64()))


def _arrow(dtype):
    from polaroid.portable import _arrow_type
    return _arrow_type(_types.to_dict(dtype), "constructor")


def _literal_type(value):
    if isinstance(value, bool):
        return pa.bool_()
    if isinstance(value, int):
        return pa.int32()  # as Polars' repeat of a Python int
    if isinstance(value, float):
        return pa.float64()
    if isinstance(value, str):
        return pa.string()
    return None


def repeat(value, n: int, *, dtype=None, eager: bool = False):
    _eager_only("repeat", eager)
    return _series("literal", [value] * n, _arrow(dtype) if dtype is not None else _literal_type(value))


def ones(n: int, dtype=_types.Float64, *, eager: bool = False):
    _eager_only("ones", eager)
    return _series("ones", [1] * n, _arrow(dtype))


def zeros(n: int, dtype=_types.Float64, *, eager: bool = False):
    _eager_only("zeros", eager)
    return _series("zeros", [0] * n, _arrow(dtype))


_EPOCH_SCALE = {"s": ("us", 1_000_000), "ms": ("us", 1_000), "us": ("us", 1), "ns": ("ns", 1)}


def from_epoch(column, time_unit: str = "s"):
    """Integers counting ``time_unit`` since 1970-01-01 as datetimes (``"d"``: as dates)."""
    from polaroid.expr import Expr, col
    from polaroid.series import Series
    if isinstance(column, Series):
        from polaroid.frame import DataFrame
        return DataFrame({column.name: column}).select(from_epoch(col(column.name), time_unit)).to_series()
    if isinstance(column, (list, tuple)):
        return from_epoch(Series("", list(column)), time_unit)
    e = col(column) if isinstance(column, str) else column
    if not isinstance(e, Expr):
        raise TypeError("from_epoch takes a column name, an expression or a Series")
    if time_unit == "d":
        return e.cast(_types.Int32).cast(_types.Date)
    if time_unit not in _EPOCH_SCALE:
        raise ValueError("time_unit is one of 'ns', 'us', 'ms', 's', 'd', not %r" % (time_unit,))
    unit, scale = _EPOCH_SCALE[time_unit]
    return (e * scale if scale != 1 else e).cast(_types.Datetime(unit))


def read_lines(source, *, name: str = "line", n_rows: int | None = None, row_index_name: str | None = None,
               row_index_offset: int = 0, **_options):
    """Every line of the file(s) as a row of one String column (Polars' ``read_lines``)."""
    from polaroid.frame import DataFrame
    sources = source if isinstance(source, list) else [source]
    lines: list = []
    for s in sources:
        if isinstance(s, bytes):
            text = s.decode("utf-8")
        elif hasattr(s, "read"):
            text = s.read()
            text = text.decode("utf-8") if isinstance(text, bytes) else text
        else:
            with open(s, encoding="utf-8") as f:
                text = f.read()
        lines.extend(text.splitlines())
    if n_rows is not None:
        lines = lines[:n_rows]
    columns = {name: pa.array(lines, pa.string())}
    if row_index_name is not None:
        columns = {row_index_name: pa.array(range(row_index_offset, row_index_offset + len(lines)), pa.int64()),
                   **columns}
    return DataFrame(pa.table(columns))


def scan_lines(source, *, name: str = "line", n_rows: int | None = None, row_index_name: str | None = None,
               row_index_offset: int = 0, **options):
    return read_lines(source, name=name, n_rows=n_rows, row_index_name=row_index_name,
                      row_index_offset=row_index_offset, **options).lazy()


def read_json(source, *, schema=None, schema_overrides=None, infer_schema_length: int | None = 100):
    """A JSON array of objects (one per row; a single object is one row), as a DataFrame."""
    import json
    from polaroid.frame import DataFrame
    if isinstance(source, bytes):
        data = json.loads(source.decode("utf-8"))
    elif hasattr(source, "read"):
        data = json.load(source)
    else:
        with open(source, encoding="utf-8") as f:
            data = json.load(f)
    rows = data if isinstance(data, list) else [data]
    table = pa.Table.from_pylist(rows)
    if schema is not None:
        table = pa.table({n: table.column(n).cast(_arrow(t)) for n, t in dict(schema).items()})
    if schema_overrides:
        for n, t in dict(schema_overrides).items():
            table = table.set_column(table.column_names.index(n), n, table.column(n).cast(_arrow(t)))
    return DataFrame(table)


async def _collect_all(frames):
    import asyncio
    return await asyncio.gather(*[asyncio.to_thread(f.collect) for f in frames])


def collect_all_async(lazy_frames, *, gevent: bool = False, engine="auto", optimizations=None):
    """An awaitable of every frame collected (on threads, at once)."""
    from polaroid.engines import check_collect
    check_collect(engine, optimizations)
    if gevent:
        raise ValueError("collect_all_async(gevent=True): Polaroid returns an asyncio awaitable")
    return _collect_all(list(lazy_frames))


def explain_all(lazy_frames, *, optimizations=None) -> str:
    """The plans of the frames, one after another."""
    return "\n\n".join(f.explain() for f in lazy_frames)


def format(f_string: str, *args):  # noqa: A001 - Polars' name
    """``f_string`` with each ``{}`` replaced by the next argument's values (names mean columns); null where
    any argument is null, named after the first argument, as Polars."""
    from polaroid.expr import _columns, concat_str, lit, output_name
    pieces = f_string.split("{}")
    if len(pieces) - 1 != len(args):
        raise ValueError("format: the string has %d placeholders for %d arguments" % (len(pieces) - 1, len(args)))
    exprs = _columns(args)
    parts = []
    for text, e in zip(pieces, exprs + [None]):
        if text:
            parts.append(lit(text))
        if e is not None:
            parts.append(e)
    out = concat_str(*parts)
    return out.alias(output_name(exprs[0].to_dict())) if exprs else out


def date(year, month, day):
    """A date from its year, month and day (numbers or expressions; names mean columns), named ``date`` as
    in Polars; null where a part is null."""
    from polaroid.expr import Expr, _columns, concat_str, lit
    parts = [p if isinstance(p, (Expr, str)) else lit(p) for p in (year, month, day)]
    y, m, d = (e.cast(_types.Int64).cast(_types.String) for e in _columns(parts))
    text = concat_str(y.str.zfill(4), lit("-"), m.str.zfill(2), lit("-"), d.str.zfill(2))
    return text.str.to_date().alias("date")


def time_ranges(start=None, end=None, interval="1h", *, closed: str = "both", eager: bool = False):
    _eager_only("time_ranges", eager)
    return _series("literal", [time_range(start, end, interval, closed=closed, eager=True).to_list()],
                   pa.list_(pa.time64("ns")))


def datetime(year, month, day, hour=None, minute=None, second=None, microsecond=None, *, time_unit: str = "us",
             time_zone: str | None = None, ambiguous: str = "raise"):
    """A datetime from its parts (numbers or expressions; names mean columns), named after the year as in
    Polars; null where a part is null; the wall time in ``time_zone`` when one is given."""
    from polaroid.expr import Expr, _columns, concat_str, lit
    given = [year, month, day] + [0 if p is None else p for p in (hour, minute, second, microsecond)]
    parts = [p if isinstance(p, (Expr, str)) else lit(p) for p in given]
    y, mo, d, h, mi, s, us = (e.cast(_types.Int64).cast(_types.String) for e in _columns(parts))
    text = concat_str(y.str.zfill(4), lit("-"), mo.str.zfill(2), lit("-"), d.str.zfill(2), lit(" "), h.str.zfill(2),
                      lit(":"), mi.str.zfill(2), lit(":"), s.str.zfill(2), lit("."), us.str.zfill(6))
    value = text.str.strptime(_types.Datetime(time_unit), "%Y-%m-%d %H:%M:%S%.6f")
    if time_zone is not None:
        value = value.dt.replace_time_zone(time_zone, ambiguous=ambiguous)
    return value


def head(column: str, n: int = 10):
    """The first ``n`` values of ``column``."""
    from polaroid.expr import col
    return col(column).head(n)


def tail(column: str, n: int = 10):
    from polaroid.expr import col
    return col(column).tail(n)


def implode(*columns: str, maintain_order: bool = True):
    """Each column's values as one list."""
    from polaroid.expr import col
    return col(*columns).implode()


def arg_where(condition, *, eager: bool = False):
    """The positions where ``condition`` (an expression, or a Series when ``eager``) is true."""
    return condition.arg_true()


def arg_sort_by(exprs, *more_exprs, descending=False, nulls_last=False, multithreaded: bool = True,
                maintain_order: bool = False):
    """The positions that would sort the frame by ``exprs`` (stable), named ``index`` as in Polars."""
    from polaroid.expr import len as _len
    from polaroid.windows import int_range
    return int_range(0, _len()).sort_by(exprs, *more_exprs, descending=descending, nulls_last=nulls_last).alias("index")
