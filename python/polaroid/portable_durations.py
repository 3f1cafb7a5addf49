"""The portable backend's durations and times of day, with the engine's (Polars') rules: datetime and
date differences are durations, dates and datetimes move by durations (a date floors to its day),
durations scale by numbers (``/`` of an integer floors, a float product truncates) and divide into
floats; two units meet at the coarser one. Each is integer arithmetic on the values' counts, as the
engine's ``DurationArithmetic``; sums and means of durations are sums and means of their counts."""
from __future__ import annotations

import datetime as _dt
import zoneinfo

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError

_UNIT_NAMES = {"SECOND": "s", "MILLISECOND": "ms", "MICROSECOND": "us", "NANOSECOND": "ns"}
_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
_TOTALS = {"days": 86_400 * 10**9, "hours": 3_600 * 10**9, "minutes": 60 * 10**9, "seconds": 10**9,
           "milliseconds": 10**6, "microseconds": 10**3, "nanoseconds": 1}
# Polars' widths of the date and time parts
PART_TYPES = {"dt.quarter": pa.int8(), "dt.month": pa.int8(), "dt.day": pa.int8(), "dt.weekday": pa.int8(),
              "dt.hour": pa.int8(), "dt.minute": pa.int8(), "dt.second": pa.int8(), "dt.ordinal_day": pa.int16(),
              "dt.year": pa.int32()}


def typed_literal(v: dict):
    """A literal of an explicit type: durations and times as their counts, others parsed from text."""
    t, text = v["type"], v["value"]
    if t["id"] == "DURATION":
        return pa.scalar(int(text), pa.duration(_UNIT_NAMES[t.get("unit", "MICROSECOND")]))
    if t["id"] == "TIME":
        return pa.scalar(int(text), pa.time64("ns"))
    if t["id"] == "TIMESTAMP":
        return pa.scalar(int(text), pa.timestamp(_UNIT_NAMES[t.get("unit", "MICROSECOND")], t.get("timeZone")))
    from polaroid.portable import _arrow_type
    target = _arrow_type(t, "a typed literal")
    parsed = int(text) if pa.types.is_integer(target) else float(text) if pa.types.is_floating(target) else text
    return pa.scalar(parsed, target)


def _kind(v) -> str | None:
    t = v.type
    if pa.types.is_duration(t):
        return "duration"
    if pa.types.is_timestamp(t):
        return "datetime"
    if pa.types.is_date32(t):
        return "date"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    return None


def applies(a, b) -> bool:
    """Whether these operands follow the duration rules (a duration, or two dates or datetimes)."""
    ka, kb = _kind(a), _kind(b)
    return "duration" in (ka, kb) or (ka in ("date", "datetime") and kb in ("date", "datetime"))


def _coarser(a: str, b: str) -> str:
    return a if _PER_SECOND[a] <= _PER_SECOND[b] else b


def _counts(v, as_type):
    """The values as int64 counts of ``as_type`` (a timestamp or duration type); coarser units truncate."""
    return pc.cast(pc.cast(v, as_type, safe=False), pa.int64())


def _from_counts(counts, to_type):
    return pc.cast(counts, to_type)


def arithmetic(name: str, a, b):
    """``add``, ``subtract``, ``multiply``, ``divide`` (true division) of durations, dates and datetimes."""
    ka, kb = _kind(a), _kind(b)
    if name in ("add", "subtract"):
        if ka == kb == "duration":
            d = pa.duration(_coarser(a.type.unit, b.type.unit))
            return _from_counts(getattr(pc, name)(_counts(a, d), _counts(b, d)), d)
        if ka in ("date", "datetime") and kb == "duration":
            return _shift(name, a, b)
        if name == "add" and ka == "duration" and kb in ("date", "datetime"):
            return _shift(name, b, a)
        if name == "subtract" and ka in ("date", "datetime") and kb in ("date", "datetime"):
            ts = _common_timestamp(a.type, b.type)
            return _from_counts(pc.subtract(_counts(a, ts), _counts(b, ts)), pa.duration(ts.unit))
    elif name == "multiply":
        if ka == "duration" and kb in ("int", "float"):
            return _scale(pc.multiply, a, b)
        if kb == "duration" and ka in ("int", "float"):
            return _scale(pc.multiply, b, a)
    elif name == "divide" and ka == "duration":
        if kb == "int":
            from polaroid.portable import _int_divmod
            return _from_counts(_int_divmod(_counts(a, a.type), b)[0], a.type)
        if kb == "float":
            return _scale(pc.divide, a, b)
        if kb == "duration":
            d = pa.duration(_coarser(a.type.unit, b.type.unit))
            return pc.divide(pc.cast(_counts(a, d), pa.float64()), pc.cast(_counts(b, d), pa.float64()))
    symbol = {"add": "+", "subtract": "-", "multiply": "*", "divide": "/"}[name]
    raise PolaroidError("%s not allowed on %s and %s" % (symbol, a.type, b.type), "TYPE_MISMATCH")


def _shift(name: str, at, by):
    unit = by.type.unit
    if pa.types.is_date32(at.type):
        ts = pa.timestamp(unit)
        moved = getattr(pc, name)(_counts(at, ts), _counts(by, by.type))
        return pc.cast(_floor_days(moved, unit), pa.date32())
    ts = pa.timestamp(_coarser(at.type.unit, unit), at.type.tz)
    moved = getattr(pc, name)(_counts(at, ts), _counts(by, pa.duration(ts.unit)))
    return _from_counts(moved, ts)


def _floor_days(counts, unit: str):
    """Counts of ``unit`` since the epoch as whole days (rounded down)."""
    from polaroid.portable import _int_divmod
    return pc.cast(_int_divmod(counts, pa.scalar(86_400 * _PER_SECOND[unit], pa.int64()))[0], pa.int32())


def _scale(op, duration, factor):
    if pa.types.is_integer(factor.type):
        return _from_counts(op(_counts(duration, duration.type), pc.cast(factor, pa.int64())), duration.type)
    product = op(pc.cast(_counts(duration, duration.type), pa.float64()), pc.cast(factor, pa.float64()))
    return _from_counts(pc.cast(pc.trunc(product), pa.int64()), duration.type)


def _common_timestamp(a, b):
    if pa.types.is_date32(a) and pa.types.is_date32(b):
        return pa.timestamp("us")
    if pa.types.is_date32(a):
        return b
    if pa.types.is_date32(b):
        return a
    return pa.timestamp(_coarser(a.unit, b.unit), a.tz)


def aggregate_counts(fn: str, v):
    """Durations to aggregate as their counts for sum, mean, min, max, first and last (pyarrow has no such kernels), and
    how to turn each result back (a mean truncates to the unit, as Polars)."""
    if not pa.types.is_duration(v.type) or fn not in ("sum", "mean", "min", "max", "first", "last"):
        return v, None
    unit_type = v.type
    counts = pc.cast(v, pa.int64())
    if fn != "mean":
        return counts, lambda r: pc.cast(r, unit_type)
    return counts, lambda r: pc.cast(pc.cast(pc.trunc(r), pa.int64()), unit_type)


def _total(nanos_per_unit: int):
    def total(x, fractional=None):
        if not pa.types.is_duration(x.type):
            raise PolaroidError("dt.total_* needs a duration, not %s" % x.type, "TYPE_MISMATCH")
        per = 10**9 // _PER_SECOND[x.type.unit]
        counts = pc.cast(x, pa.int64())
        if fractional is not None and fractional.as_py():
            return pc.divide(pc.cast(counts, pa.float64()), nanos_per_unit / per)
        if per >= nanos_per_unit:
            return pc.multiply(counts, per // nanos_per_unit)
        return pc.divide(counts, nanos_per_unit // per)  # integer division truncates toward zero
    return total


def _offset(dst: bool):
    def offset(x):
        if not pa.types.is_timestamp(x.type) or x.type.tz is None:
            raise PolaroidError("needs a datetime with a time zone, not %s" % x.type, "TYPE_MISMATCH")
        zone = zoneinfo.ZoneInfo(x.type.tz)

        def one(v):
            if v is None:
                return None
            local = v.astimezone(zone)
            return local.dst() if dst else local.utcoffset() - local.dst()
        return pc.cast(pa.array([one(v) for v in x.to_pylist()], pa.duration("us")), pa.duration("ms"))
    return offset


def _part(name: str):
    kernel = getattr(pc, {"dt.ordinal_day": "day_of_year", "dt.weekday": "day_of_week"}.get(name, name[3:]))

    def part(x):
        value = kernel(x)
        return pc.cast(pc.add(value, 1) if name == "dt.weekday" else value, PART_TYPES[name])
    return part


FUNCTIONS = {
    **{"dt.total_" + unit: _total(nanos) for unit, nanos in _TOTALS.items()},
    "dt.base_utc_offset": _offset(False), "dt.dst_offset": _offset(True),
    **{name: _part(name) for name in PART_TYPES},
}
