"""More of Polars' ``dt`` namespace, composed of casts, the engine's date parts and arithmetic:
``date``, ``epoch``, ``timestamp``, sub-second parts, ``is_leap_year``, ``days_in_month``, ``century``,
``millennium``, ISO ``week`` and ``iso_year``, ``offset_by``, ``is_business_day``, ``strftime``."""
from __future__ import annotations

import re

from polaroid import datatypes as _types

_EPOCH_UNITS = {"ns": "ns", "us": "us", "ms": "ms", "s": "s"}
# Polars' duration string units, as (months, days, nanoseconds) per unit.
_DURATION_UNITS = {"ns": (0, 0, 1), "us": (0, 0, 10**3), "ms": (0, 0, 10**6), "s": (0, 0, 10**9),
                   "m": (0, 0, 60 * 10**9), "h": (0, 0, 3600 * 10**9), "d": (0, 1, 0), "w": (0, 7, 0),
                   "mo": (1, 0, 0), "q": (3, 0, 0), "y": (12, 0, 0)}


def _expr():
    from polaroid import expr
    return expr


def _is_leap(year):
    return ((year % 4) == 0) & (((year % 100) != 0) | ((year % 400) == 0))


def _weeks_in_year(year):
    """52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year."""
    def p(y):
        return (y + y.floordiv(4) - y.floordiv(100) + y.floordiv(400)) % 7
    e = _expr()
    return e.when((p(year) == 4) | (p(year - 1) == 3)).then(53).otherwise(52)


def parse_duration(text: str) -> tuple:
    """Polars' ``"1y2mo3d4h"`` (a leading ``-`` negates) as (months, days, nanoseconds)."""
    sign, body = (-1, text[1:]) if text.startswith("-") else (1, text)
    parts = re.findall(r"(\d+)(ns|us|ms|mo|s|m|h|d|w|q|y)", body)
    if not parts or "".join(n + u for n, u in parts) != body:
        raise ValueError("not a Polars duration: %r (e.g. '1d', '2mo', '1y3w', '-5h')" % text)
    months = days = nanos = 0
    for n, unit in parts:
        m, d, ns = _DURATION_UNITS[unit]
        months, days, nanos = months + int(n) * m, days + int(n) * d, nanos + int(n) * ns
    return sign * months, sign * days, sign * nanos


def months_and_micros(value) -> tuple:
    """A Polars duration (``"1h30m"``, ``"1mo"``) or a timedelta as (months, microseconds; a fraction
    where it has nanoseconds)."""
    import datetime
    if isinstance(value, datetime.timedelta):
        return 0, value // datetime.timedelta(microseconds=1)
    months, days, nanos = parse_duration(value)
    return months, days * 86_400_000_000 + nanos / 1000


def add_months(value, months: int):
    """A date or datetime ``months`` later, its day clamped to the month's last (Jan 31 + 1mo: Feb 28/29)."""
    import calendar
    year, month = divmod(value.year * 12 + value.month - 1 + months, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


class DateMore:
    """Mixed into ``DateNamespace`` (``self._e`` is the date or datetime expression)."""

    def date(self):
        """The date; of a zoned datetime, the date in its time zone (a cast to Date takes the UTC date)."""
        return self._e._call("dt.date")

    def epoch(self, time_unit: str = "us"):
        """Days (``"d"``, Int32) or seconds, milliseconds, microseconds, nanoseconds since 1970 (Int64)."""
        if time_unit == "d":
            return self._e.cast(_types.Date).cast(_types.Int32)
        if time_unit not in _EPOCH_UNITS:
            raise ValueError("epoch(time_unit=%r): one of d, s, ms, us, ns" % time_unit)
        return self._e.cast(_types.Datetime(time_unit)).cast(_types.Int64)

    def timestamp(self, time_unit: str = "us"):
        if time_unit not in ("ns", "us", "ms"):
            raise ValueError("timestamp(time_unit=%r): one of ns, us, ms" % time_unit)
        return self.epoch(time_unit)

    def millisecond(self):
        return self._e._call("dt.millisecond")

    def microsecond(self):
        return self._e._call("dt.microsecond")

    def nanosecond(self):
        return self._e._call("dt.nanosecond")

    def is_leap_year(self):
        return _is_leap(self._e.dt.year())

    def days_in_month(self):
        e, month = _expr(), self._e.dt.month()
        february = e.when(_is_leap(self._e.dt.year())).then(29).otherwise(28)
        days = (e.when(month.is_null()).then(None).when(month == 2).then(february)
                .when(month.is_in([4, 6, 9, 11])).then(30).otherwise(31))
        return days.cast(_types.Int8)

    def century(self):
        return ((self._e.dt.year() - 1).floordiv(100) + 1).cast(_types.Int32)

    def millennium(self):
        return ((self._e.dt.year() - 1).floordiv(1000) + 1).cast(_types.Int32)

    def _iso(self):
        """The ISO week number before wrapping into the neighbouring years, and the year."""
        year = self._e.dt.year()
        week = (self._e.dt.ordinal_day() - self._e.dt.weekday() + 10).floordiv(7)
        return week, year

    def week(self):
        """The ISO 8601 week (1..53; the first week has the year's first Thursday)."""
        e = _expr()
        week, year = self._iso()
        return (e.when(year.is_null()).then(None).when(week < 1).then(_weeks_in_year(year - 1))
                .when(week > _weeks_in_year(year)).then(1).otherwise(week)).cast(_types.Int8)

    def iso_year(self):
        e = _expr()
        week, year = self._iso()
        return (e.when(year.is_null()).then(None).when(week < 1).then(year - 1)
                .when(week > _weeks_in_year(year)).then(year + 1).otherwise(year)).cast(_types.Int32)

    def offset_by(self, by: str):
        """Moved by a Polars duration string (``"1mo"``, ``"-3d"``, ``"1y2w"``); months clamp to the month's end."""
        from polaroid.expr import Duration, lit
        if not isinstance(by, str):
            raise TypeError("offset_by takes a duration string such as '1mo' or '-3d', not %r" % (by,))
        months, days, nanos = parse_duration(by)
        return self._e + lit(Duration(months=months, days=days, nanos=nanos))

    def is_business_day(self, *, week_mask=(True, True, True, True, True, False, False), holidays=()):
        """Whether the day is a working day of ``week_mask`` (Monday first) and not one of ``holidays``."""
        mask = list(week_mask)
        if len(mask) != 7:
            raise ValueError("week_mask needs 7 values, Monday first")
        day = self._e.cast(_types.Date)
        working = self._e.dt.weekday().is_in([i + 1 for i, on in enumerate(mask) if on])
        holidays = list(holidays)
        return working & ~day.is_in(holidays) if holidays else working

    def strftime(self, format: str):
        """As text in a ``strftime`` format of ``%Y %m %d %H %M %S %j %y %F %T %%`` and plain text."""
        return _format(self._e, format)

    def to_string(self, format: str | None = None):
        if format is None:
            raise ValueError("to_string needs a format in Polaroid (the default depends on the column's type)")
        return _format(self._e, format)


def _format(x, fmt: str):
    e = _expr()

    def padded(part, width):
        return part.cast(_types.String).str.zfill(width)
    parts = {"Y": lambda: padded(x.dt.year(), 4), "m": lambda: padded(x.dt.month(), 2),
             "d": lambda: padded(x.dt.day(), 2), "H": lambda: padded(x.dt.hour(), 2),
             "M": lambda: padded(x.dt.minute(), 2), "S": lambda: padded(x.dt.second(), 2),
             "j": lambda: padded(x.dt.ordinal_day(), 3), "y": lambda: padded(x.dt.year() % 100, 2)}
    fmt = fmt.replace("%F", "%Y-%m-%d").replace("%T", "%H:%M:%S")
    pieces, i = [], 0
    for m in re.finditer(r"%(.)", fmt):
        if m.start() > i:
            pieces.append(e.lit(fmt[i:m.start()]))
        code = m.group(1)
        if code == "%":
            pieces.append(e.lit("%"))
        elif code in parts:
            pieces.append(parts[code]())
        else:
            raise ValueError("strftime: Polaroid writes %s, not %%%s" % (" ".join("%" + c for c in parts), code))
        i = m.end()
    if i < len(fmt):
        pieces.append(e.lit(fmt[i:]))
    if not pieces:
        return e.lit("")
    return e.concat_str(*pieces).alias(e.output_name(x.to_dict()))
