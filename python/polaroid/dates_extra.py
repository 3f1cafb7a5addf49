"""Still more of Polars' ``dt`` namespace: ``round``, ``replace_time_zone``, ``convert_time_zone`` and
``cast_time_unit``, which the engine computes (StringMoreFunctions) and the portable backend in
Python (portable_text)."""
from __future__ import annotations


class DateExtra:
    """Mixed into ``DateNamespace`` (``self._e`` is the date or datetime expression)."""

    def round(self, every: str):
        """``truncate(x + every / 2, every)``: the nearest start of a calendar window of ``every`` (one
        unit, as ``"1mo"``, ``"15m"``), half way up; a month counts 28 days there, as in Polars."""
        if not isinstance(every, str):
            raise TypeError("dt.round takes a duration string such as '1h' or '1mo' in Polaroid, not %r" % (every,))
        return self._e._call("dt.round", every)

    def replace_time_zone(self, time_zone: str | None, *, ambiguous: str = "raise", non_existent: str = "raise"):
        """The same wall time in ``time_zone`` (None: naive); a wall time the zone shows twice follows
        ``ambiguous`` (raise, earliest, latest, null), one it never shows ``non_existent`` (raise, null)."""
        if not isinstance(ambiguous, str):
            raise TypeError("replace_time_zone takes ambiguous as a str in Polaroid")
        return self._e._call("dt.replace_time_zone", time_zone or "", ambiguous, non_existent)

    def convert_time_zone(self, time_zone: str):
        """The same instant shown in ``time_zone`` (a naive datetime is taken as UTC, as in Polars)."""
        return self._e._call("dt.convert_time_zone", time_zone)

    def cast_time_unit(self, time_unit: str):
        """In ``time_unit`` (ns, us, ms), rounded down; the time zone kept."""
        if time_unit not in ("ns", "us", "ms"):
            raise ValueError("time_unit must be one of ns, us, ms, not %r" % (time_unit,))
        return self._e._call("dt.cast_time_unit", time_unit)
