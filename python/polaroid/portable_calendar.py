"""The portable backend's calendar windows (``dt.truncate``, ``dt.month_start``, ``dt.month_end``),
computed as the engine's ``CalendarExpr`` does: months counted from January 1970, weeks from Monday
1970-01-05, days and shorter units from the epoch; month boundaries keep a timestamp's time of day. A
timestamp with a time zone is moved in its local time (as Polars), then placed back in the zone: at
the same offset as before where the local time is ambiguous, after the gap where it does not exist."""
from __future__ import annotations

import calendar
import datetime as _dt
import re

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError

_EPOCH = _dt.date(1970, 1, 1)
_FORM = re.compile(r"(\d+)(y|q|mo|w|d|h|ms|us|ns|m|s)")
_NANOS = {"h": 3_600_000_000_000, "m": 60_000_000_000, "s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1}
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def _every(text: str):
    m = _FORM.fullmatch(text)
    if not m or int(m.group(1)) < 1:
        raise PolaroidError('dt.truncate takes one unit of y, q, mo, w, d, h, m, s, ms, us or ns, as "1mo" or "15m", '
                            'not "%s"' % text, "INVALID_PLAN")
    n, unit = int(m.group(1)), m.group(2)
    return {"y": ("months", 12 * n), "q": ("months", 3 * n), "mo": ("months", n), "w": ("weeks", n),
            "d": ("days", n)}.get(unit, ("nanos", n * _NANOS.get(unit, 1)))


def _day(days: int, fn: str, every) -> int:
    d = _EPOCH + _dt.timedelta(days=days)
    if fn == "dt.month_start":
        return days - d.day + 1
    if fn == "dt.month_end":
        return days - d.day + calendar.monthrange(d.year, d.month)[1]
    kind, n = every
    if kind == "months":
        start = ((d.year - 1970) * 12 + d.month - 1) // n * n
        return (_dt.date(1970 + start // 12, start % 12 + 1, 1) - _EPOCH).days
    if kind == "weeks":
        return (days - 4) // (7 * n) * 7 * n + 4
    if kind == "days":
        return days // n * n
    return days


def subsecond(values, per_second: int):
    """``dt.millisecond``/``microsecond``/``nanosecond``: the units of the second (floored before 1970)."""
    import pyarrow.compute as pc
    t = values.type
    if not (pa.types.is_timestamp(t) or pa.types.is_time(t)):
        raise PolaroidError("dt.millisecond/microsecond/nanosecond need a timestamp or time, not %s" % t, "TYPE_MISMATCH")
    import numpy as np
    held = _PER_SECOND[t.unit]
    ints = values.cast(pa.int64())
    within = np.mod(pc.fill_null(ints, 0).to_numpy(zero_copy_only=False), held)  # floored, as Polars
    within = within * (per_second // held) if per_second >= held else within // (held // per_second)
    scaled = pa.array(within, pa.int64(), mask=pc.is_null(ints).to_numpy(zero_copy_only=False))
    return scaled.cast(pa.int32())


def apply(fn: str, values, every_text=None):
    """The calendar function over a date or timestamp array (a scalar ``every`` for truncate)."""
    t = values.type
    if pa.types.is_timestamp(t) and t.tz is not None:
        return _in_local_time(fn, values, every_text)
    every = _every(every_text.as_py() if isinstance(every_text, pa.Scalar) else every_text) \
        if fn == "dt.truncate" else None
    if pa.types.is_date32(t):
        days = values.cast(pa.int32()).to_pylist()
        return pa.array([None if v is None else _day(v, fn, every) for v in days], pa.int32()).cast(pa.date32())
    per_day = _PER_SECOND[t.unit] * 86_400
    ticks = values.cast(pa.int64()).to_pylist()

    def one(v):
        if every is not None and every[0] == "nanos":
            step = max(1, every[1] // (1_000_000_000 // _PER_SECOND[t.unit]))
            return v // step * step
        time_of_day = 0 if fn == "dt.truncate" else v % per_day
        return _day(v // per_day, fn, every) * per_day + time_of_day
    return pa.array([None if v is None else one(v) for v in ticks], pa.int64()).cast(t)


def _in_local_time(fn: str, values, every_text):
    local = pc.local_timestamp(values)
    moved = apply(fn, local, every_text)
    zone = values.type.tz
    earliest = pc.assume_timezone(moved, timezone=zone, ambiguous="earliest", nonexistent="latest")
    latest = pc.assume_timezone(moved, timezone=zone, ambiguous="latest", nonexistent="latest")
    as_counts = lambda v: pc.cast(pc.cast(v, pa.timestamp(values.type.unit)), pa.int64())  # noqa: E731
    offset = pc.subtract(as_counts(local), as_counts(values))
    same_offset = pc.equal(pc.subtract(as_counts(moved), as_counts(earliest)), offset)
    return pc.cast(pc.if_else(same_offset, earliest, latest), values.type)
