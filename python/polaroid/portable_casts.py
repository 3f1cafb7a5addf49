"""The portable backend's casts where pyarrow's differs from Polars': numbers, datetimes and times of
day written as Polars writes them (``NaN``, ``2024-03-10 01:30:00.000000-05:00``, ``23:59:59``), an
integer beyond 2^53 rounded to a float, a time of day as a datetime on 1970-01-01, and no text of a
duration (Polars refuses it); and ``dt.date()``, the date of a datetime in its time zone."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError
from polaroid.float_text import polars_text
from polaroid.portable_binary import is_binary, to_text


def _each(v, fn, target):
    """``fn`` of each non-null value of an array (or of a scalar), as ``target``."""
    if isinstance(v, pa.Scalar):
        return pa.scalar(None if not v.is_valid else fn(v.as_py()), target)
    return pa.array([None if x is None else fn(x) for x in v.to_pylist()], target)


def _time_text(nanos: int) -> str:
    seconds = nanos // 10**9  # Polars writes whole seconds
    return "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


def local_date(v):
    """``dt.date()``: the date, of a zoned datetime the date in its time zone (as Polars; a cast to Date
    takes the UTC date)."""
    t = v.type
    if pa.types.is_date32(t) or pa.types.is_null(t):
        return pc.cast(v, pa.date32())
    if not pa.types.is_timestamp(t):
        raise PolaroidError("dt.date needs a date or datetime, not %s" % t, "TYPE_MISMATCH")
    from polaroid.portable import _cast
    return _cast(pc.local_timestamp(v) if t.tz is not None else v, pa.date32(), True)


def cast(v, target):
    """``v`` cast to ``target`` as Polars casts it, or None where pyarrow's cast is Polars' already."""
    source = v.type
    if pa.types.is_integer(source) and pa.types.is_floating(target):
        from polaroid.portable_numbers import as_float
        return as_float(v, target)
    if pa.types.is_time(source) and pa.types.is_timestamp(target):  # the time of day on 1970-01-01
        unit = pa.timestamp(source.unit if pa.types.is_time64(source) else "ms")
        return pc.cast(pc.cast(pc.cast(v, pa.int64() if pa.types.is_time64(source) else pa.int32()), unit), target,
                       safe=False)
    if not pa.types.is_string(target):
        return None
    if is_binary(source):  # invalid UTF-8 fails whether strict or not (Polars: "invalid utf8")
        return to_text(v)
    if pa.types.is_floating(source):  # Polars' digits: 3.0, NaN, 1e-7
        return _each(v, lambda x: polars_text(x, source == pa.float32()), target)
    if pa.types.is_timestamp(source):  # the unit's digits of the second, a zone's offset as -05:00
        return pc.strftime(v, format="%Y-%m-%d %H:%M:%S" + ("%Ez" if source.tz else ""))
    if pa.types.is_time(source):
        per_unit = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}[source.unit]
        return _each(pc.cast(v, pa.int64()), lambda n: _time_text(n * per_unit), target)
    if pa.types.is_duration(source) and (v.is_valid if isinstance(v, pa.Scalar) else v.null_count < len(v)):
        raise PolaroidError("casting from %s to String is not supported (as in Polars: where a value is not null)" % source, "NOT_SUPPORTED")
    return None


def as_polars_types(table: pa.Table) -> pa.Table:
    """A table read from a file (or given as Arrow) with Polars' types: a time of day counts nanoseconds
    (Polars' Time)."""
    for i, f in enumerate(table.schema):
        if pa.types.is_time(f.type) and f.type != pa.time64("ns"):
            table = table.set_column(i, f.name, pc.cast(table.column(i), pa.time64("ns")))
    return table
