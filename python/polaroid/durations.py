"""Polars' durations and times of day: ``pl.duration`` and ``pl.time``, and the ``dt`` methods of
durations (``total_days`` .. ``total_nanoseconds``), of times (``time``, ``combine``) and of time zones
(``base_utc_offset``, ``dst_offset``). The engine has the Duration and Time types; the portable
backend computes them with pyarrow (portable_durations)."""
from __future__ import annotations

import datetime as _dt

from polaroid import datatypes as _types
from polaroid import datatypes_more as _more

# Nanoseconds in one unit of each pl.duration argument, in Polars' order.
_DURATION_PARTS = (("weeks", 7 * 86_400 * 10**9), ("days", 86_400 * 10**9), ("hours", 3_600 * 10**9),
                   ("minutes", 60 * 10**9), ("seconds", 10**9), ("milliseconds", 10**6), ("microseconds", 10**3),
                   ("nanoseconds", 1))
_NANOS_PER_UNIT = {"ms": 10**6, "us": 10**3, "ns": 1}
_TOTALS = ("days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds")


def _expr():
    from polaroid import expr
    return expr


def duration_literal(value: int, time_unit: str) -> dict:
    """The plan form of a duration of ``value`` ``time_unit``\\ s."""
    return {"typed": {"type": _more.Duration(time_unit).to_dict(), "value": str(int(value))}}


def time_literal(value: _dt.time) -> dict:
    """The plan form of a time of day (nanoseconds since midnight)."""
    nanos = ((value.hour * 60 + value.minute) * 60 + value.second) * 10**9 + value.microsecond * 1000
    return {"typed": {"type": {"id": "TIME"}, "value": str(nanos)}}


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _sum_of_parts(parts: list, nanos_per_unit: int):
    """Each part (a column name, an expression or a number) times its length in the unit, summed; the
    numbers are summed here, so that no literal product overflows a narrow integer."""
    e = _expr()
    constant = sum(v * n for v, n in parts if _is_number(v))
    total = None
    for value, nanos in parts:
        if not _is_number(value):
            term = (e.col(value) if isinstance(value, str) else value) * (nanos // nanos_per_unit)
            total = term if total is None else total + term
    constant = constant // nanos_per_unit if isinstance(constant, int) else constant / nanos_per_unit
    return total if constant == 0 else total + e.lit(constant)


def duration(*, weeks=None, days=None, hours=None, minutes=None, seconds=None, milliseconds=None,
             microseconds=None, nanoseconds=None, time_unit: str | None = None):
    """A Duration from its parts (numbers, column names or expressions), in ``time_unit`` (``"us"``,
    or ``"ns"`` when ``nanoseconds`` is given), as Polars."""
    given = dict(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds,
                 milliseconds=milliseconds, microseconds=microseconds, nanoseconds=nanoseconds)
    unit = time_unit or ("ns" if nanoseconds is not None else "us")
    if unit not in _NANOS_PER_UNIT:
        raise ValueError("time_unit must be one of 'ms', 'us', 'ns', not %r" % (unit,))
    parts = [(given[name], nanos) for name, nanos in _DURATION_PARTS if given[name] is not None]
    e = _expr()
    if all(_is_number(v) for v, _ in parts):
        total = sum(v * n for v, n in parts)
        per = _NANOS_PER_UNIT[unit]
        return e.Expr({"literal": duration_literal(total // per if isinstance(total, int) else int(total / per), unit)})
    total = _sum_of_parts(parts, _NANOS_PER_UNIT[unit])
    return total.cast(_types.Int64).cast(_more.Duration(unit))


def time(hour=None, minute=None, second=None, microsecond=None):
    """A Time from its parts (numbers, column names or expressions; missing ones are 0), as Polars."""
    e = _expr()
    values = [hour, minute, second, microsecond]
    if all(v is None or _is_number(v) for v in values):
        return e.Expr({"literal": time_literal(_dt.time(*(int(v or 0) for v in values)))})
    parts = [(v, n) for v, n in zip(values, (3_600 * 10**9, 60 * 10**9, 10**9, 10**3)) if v is not None]
    total = _sum_of_parts(parts, 1)
    return total.cast(_types.Int64).cast(_more.Time)


def _total(unit: str):
    def total(self, *, fractional: bool = False):
        return self._e._call("dt.total_" + unit, bool(fractional))
    total.__name__ = "total_" + unit
    total.__doc__ = ("The duration in whole %s (truncated toward zero), or as a float with ``fractional``." % unit)
    return total


class DurationMore:
    """Mixed into ``DateNamespace`` (``self._e`` is the duration, datetime or time expression)."""

    def time(self):
        """The wall-clock time of day of a datetime (in its time zone)."""
        return self._e.cast(_more.Time)

    def combine(self, time, time_unit: str = "us"):
        """The date of a date or datetime at ``time`` of day (a ``datetime.time`` or an expression)."""
        e = _expr()
        at = e.lit(time) if isinstance(time, _dt.time) else time
        midnight = self._e.cast(_types.Date).cast(_types.Datetime(time_unit))
        return midnight + at.cast(_types.Int64).cast(_more.Duration("ns"))

    def base_utc_offset(self):
        """The time zone's standard offset from UTC, a duration in milliseconds."""
        return self._e._call("dt.base_utc_offset")

    def dst_offset(self):
        """The time zone's daylight-saving offset (0 outside summer time), a duration in milliseconds."""
        return self._e._call("dt.dst_offset")


for _unit in _TOTALS:
    setattr(DurationMore, "total_" + _unit, _total(_unit))
