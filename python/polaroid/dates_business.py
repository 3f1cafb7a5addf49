"""Polars' ``dt.replace`` and business days (``dt.add_business_days``, ``pl.business_day_count``),
which the engine computes (CalendarMoreFunctions) and the portable backend in Python
(portable_business). The week mask goes on the wire as seven 0/1 characters, Monday first, and the
holidays as ISO dates separated by commas."""
from __future__ import annotations

import datetime as _dt

_WEEKDAYS = (True, True, True, True, True, False, False)
_ROLLS = ("raise", "forward", "backward")
_AMBIGUOUS = ("raise", "earliest", "latest", "null")


def mask_text(mask) -> str:
    """Seven booleans, Monday first, as the wire's "1111100"."""
    mask = tuple(mask)
    if len(mask) != 7:
        raise ValueError("expected a sequence of length 7 (got %d)\nwhile processing 'week_mask'" % len(mask))
    if not any(mask):
        raise ValueError("`week_mask` must have at least one business day")
    return "".join("1" if bool(b) else "0" for b in mask)


def holidays_text(days) -> str:
    """Dates (datetimes count by their date), as comma-separated ISO dates."""
    from polaroid.expr import Expr
    if isinstance(days, Expr) or not hasattr(days, "__iter__"):
        raise TypeError("holidays must be an iterable of dates in Polaroid, not %r" % (days,))
    out = []
    for d in days:
        if isinstance(d, _dt.datetime):
            d = d.date()
        if not isinstance(d, _dt.date):
            raise TypeError("holidays must be dates, not %r" % (d,))
        out.append(d.isoformat())
    return ",".join(sorted(set(out)))


def _column(v):
    """A string names a column, as in Polars."""
    from polaroid.expr import col
    return col(v) if isinstance(v, str) else v


class DateBusiness:
    """Mixed into ``DateNamespace`` (``self._e`` is the date or datetime expression)."""

    def replace(self, *, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                ambiguous: str = "raise"):
        """The value with each field given (an int or an expression; a null keeps the field) replaced:
        a date keeps no time fields, a time-zone-aware datetime has its wall-clock fields replaced and
        is localized again by ``ambiguous``. A date that does not exist (February 31st) is an error."""
        if not isinstance(ambiguous, str):
            raise TypeError("dt.replace takes ambiguous as a str in Polaroid, not %r" % (ambiguous,))
        if ambiguous not in _AMBIGUOUS:
            raise ValueError('Invalid argument %s for ambiguous, expected one of: "earliest", "latest", "null", '
                             '"raise"' % ambiguous)
        fields = [_column(v) for v in (year, month, day, hour, minute, second, microsecond)]
        return self._e._call("dt.replace", *fields, ambiguous)

    def add_business_days(self, n, *, week_mask=_WEEKDAYS, holidays=(), roll: str = "raise"):
        """``n`` (an int or an integer expression) business days on: the days of ``week_mask``
        (Monday first) that are not ``holidays``. A date that is not a business day is an error
        (``roll='raise'``) or first moves to the next (``'forward'``) or previous (``'backward'``) one."""
        if roll not in _ROLLS:
            raise ValueError("`roll` must be one of {'raise', 'forward', 'backward'}, got %s" % (roll,))
        if isinstance(n, float):
            raise TypeError("dt.add_business_days takes n as an int, not %r" % (n,))
        return self._e._call("dt.add_business_days", _column(n), mask_text(week_mask), holidays_text(holidays), roll)


def business_day_count(start, end, *, week_mask=_WEEKDAYS, holidays=()):
    """The business days in ``[start, end)`` (negative when ``end`` comes first): the days of
    ``week_mask`` (Monday first) that are not ``holidays``. A string names a column."""
    from polaroid.expr import _call
    return _call("business_day_count", _column(start), _column(end), mask_text(week_mask), holidays_text(holidays))
