"""The portable backend's ``dt.replace``, ``dt.add_business_days`` and ``business_day_count``, value by
value in Python with the engine's rules (DateReplaceExpr, BusinessCalendar): days since the epoch
and civil dates by the same algorithms, so years Python's ``datetime`` cannot hold still work."""
from __future__ import annotations

import bisect
import datetime as _dt

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError
from polaroid.portable_text import _wall_time, _wall_to_value

_MIN_YEAR, _MAX_YEAR = -262_143, 262_142  # chrono's, so Polars'
_ORDINAL_EPOCH = _dt.date(1970, 1, 1).toordinal()


def _days(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (the engine's CivilDates.days)."""
    y = year - 1 if month <= 2 else year
    era = y // 400
    yoe = y - era * 400
    mp = month - 3 if month > 2 else month + 9
    doe = yoe * 365 + yoe // 4 - yoe // 100 + (153 * mp + 2) // 5 + day - 1
    return era * 146097 + doe - 719468


def _civil(days: int) -> tuple:
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, doy - (153 * mp + 2) // 5 + 1


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _checked_days(year: int, month: int, day: int) -> int:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)):
        raise PolaroidError("Invalid date components (%d, %d, %d) supplied" % (year, month, day), "INVALID_VALUE")
    return _days(year, month, day)


def _length(*values) -> int | None:
    """The rows of the first array among ``values`` (None: all scalars)."""
    return next((len(v) for v in values if not isinstance(v, pa.Scalar)), None)


def _column(v, n: int | None) -> list:
    """The values of an array, or a scalar repeated for ``n`` rows (one when all are scalars)."""
    if isinstance(v, pa.Scalar):
        return [v.as_py()] * (1 if n is None else n)
    return (v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v).to_pylist()


def _result(values: list, t, n: int | None):
    arr = pa.array(values, pa.int32() if pa.types.is_date32(t) or pa.types.is_int32(t) else pa.int64()).cast(t)
    return arr[0] if n is None else arr


def _temporal(x, fn: str):
    """The raw values (days or ticks) of a date or datetime argument, and its type."""
    if not (pa.types.is_date32(x.type) or pa.types.is_timestamp(x.type)):
        raise PolaroidError("type mismatch in %s: needs a date or datetime, not %s" % (fn, x.type), "TYPE_MISMATCH")
    return pc.cast(x, pa.int32() if pa.types.is_date32(x.type) else pa.int64()), x.type


def _integers(v, what: str, fn: str, n) -> list:
    if not (pa.types.is_integer(v.type) or pa.types.is_null(v.type)):
        raise PolaroidError("type mismatch in %s: needs %s as an integer, not %s" % (fn, what, v.type), "TYPE_MISMATCH")
    return _column(v, n)


def replace(x, year, month, day, hour, minute, second, microsecond, ambiguous):
    fields = (year, month, day, hour, minute, second, microsecond)
    n = _length(x, *fields)
    raw, t = _temporal(x, "dt.replace")
    rows = list(zip(*[_integers(f, name, "dt.replace", n) for f, name in zip(
        fields, ("year", "month", "day", "hour", "minute", "second", "microsecond"))]))
    values = _column(raw, n)
    if pa.types.is_date32(t):
        out = [None if v is None else _checked_days(*(f if f is not None else c for f, c in zip(row[:3], _civil(v))))
               for v, row in zip(values, rows)]
        return _result(out, t, n)
    zone, ambiguous = _zone(t.tz), ambiguous.as_py()
    return _result([None if v is None else _replace_timestamp(v, row, t.unit, zone, ambiguous)
                    for v, row in zip(values, rows)], t, n)


def _zone(tz):
    import zoneinfo
    return zoneinfo.ZoneInfo(tz) if tz else None


def _replace_timestamp(v: int, row: tuple, unit: str, zone, ambiguous: str):
    wall, nanos = _wall_time(v, unit, zone)
    given = lambda i, current: current if row[i] is None else row[i]  # noqa: E731
    days = _checked_days(given(0, wall.year), given(1, wall.month), given(2, wall.day))
    hour, minute, second = given(3, wall.hour), given(4, wall.minute), given(5, wall.second)
    nanos = nanos if row[6] is None else row[6] * 1000
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59 and 0 <= nanos <= 999_999_999):
        raise PolaroidError("Invalid time components (%d, %d, %d, %d) supplied" % (hour, minute, second, nanos),
                            "INVALID_VALUE")
    if zone is None:
        per = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]
        return (days * 86400 + hour * 3600 + minute * 60 + second) * per + nanos // (10**9 // per)
    local = _dt.datetime.fromordinal(days + _ORDINAL_EPOCH).replace(hour=hour, minute=minute, second=second)
    return _wall_to_value(local, nanos, unit, zone, ambiguous, "raise")


class Calendar:
    """The engine's BusinessCalendar: the week mask's days (Monday first) that are not holidays."""

    def __init__(self, mask: str, holidays: str):
        self.mask = [c == "1" for c in mask]
        self.per_week = sum(self.mask)
        days = {_dt.date.fromisoformat(d).toordinal() - _ORDINAL_EPOCH for d in holidays.split(",") if d}
        self.holidays = sorted(d for d in days if self.mask[(d + 3) % 7])

    def is_business(self, day: int) -> bool:
        i = bisect.bisect_left(self.holidays, day)
        return self.mask[(day + 3) % 7] and not (i < len(self.holidays) and self.holidays[i] == day)

    def _holidays_in(self, lo: int, hi: int) -> int:
        return max(0, bisect.bisect_left(self.holidays, hi + 1) - bisect.bisect_left(self.holidays, lo))

    def add(self, day: int, n: int, roll: str) -> int:
        if not self.is_business(day):
            if roll == "raise":
                y, m, d = _civil(day)
                raise PolaroidError("date %04d-%02d-%02d is not a business date; use `roll` to roll forwards (or "
                                    "backwards) to the next (or previous) valid date." % (y, m, d), "INVALID_VALUE")
            step = 1 if roll == "forward" else -1
            day += step
            while not self.is_business(day):
                day += step
        step, remaining = (1 if n > 0 else -1), abs(n)
        while remaining > 0:
            weeks = (remaining - 1) // self.per_week
            if weeks:
                after = day + step * 7 * weeks
                passed = self._holidays_in(day + 1, after) if step > 0 else self._holidays_in(after, day - 1)
                remaining += passed - weeks * self.per_week
                day = after
            else:
                day += step
                remaining -= self.is_business(day)
        return day

    def count(self, start: int, end: int) -> int:
        if end < start:
            return -self.count(end + 1, start + 1)
        days = end - start
        first = (start + 3) % 7
        extra = sum(self.mask[(first + r) % 7] for r in range(days % 7))
        return days // 7 * self.per_week + extra - self._holidays_in(start, end - 1)


def add_business_days(x, n, mask, holidays, roll):
    if isinstance(n, pa.Scalar) and not n.is_valid:
        raise PolaroidError("type mismatch in dt.add_business_days: needs an integer number of days, not null",
                            "TYPE_MISMATCH")
    rows = _length(x, n)
    raw, t = _temporal(x, "dt.add_business_days")
    counts = _integers(n, "n", "dt.add_business_days", rows)
    calendar, roll = Calendar(mask.as_py(), holidays.as_py()), roll.as_py()
    values = _column(raw, rows)
    if pa.types.is_date32(t):
        return _result([None if v is None or k is None else calendar.add(v, k, roll)
                        for v, k in zip(values, counts)], t, rows)
    unit, zone = t.unit, _zone(t.tz)

    def move(v, k):
        wall, nanos = _wall_time(v, unit, zone)
        day = calendar.add(wall.toordinal() - _ORDINAL_EPOCH, k, roll)
        moved = _dt.datetime.combine(_dt.date.fromordinal(day + _ORDINAL_EPOCH), wall.time())
        return _wall_to_value(moved, nanos, unit, zone, "raise", "raise")
    return _result([None if v is None or k is None else move(v, k) for v, k in zip(values, counts)], t, rows)


def business_day_count(start, end, mask, holidays):
    for v in (start, end):
        if not (pa.types.is_date32(v.type) or pa.types.is_null(v.type)):
            raise PolaroidError("type mismatch in business_day_count: needs dates, not %s" % v.type, "TYPE_MISMATCH")
    rows = _length(start, end)
    calendar = Calendar(mask.as_py(), holidays.as_py())
    a, b = (_column(pc.cast(v, pa.int32()), rows) for v in (start, end))
    return _result([None if x is None or y is None else calendar.count(x, y) for x, y in zip(a, b)], pa.int32(), rows)


FUNCTIONS = {
    "dt.replace": replace,
    "dt.add_business_days": add_business_days,
    "business_day_count": business_day_count,
}
