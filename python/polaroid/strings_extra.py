"""Still more of Polars' ``str`` namespace: ``find``, ``len_bytes`` and ``join`` composed of the engine's
functions; ``to_titlecase``, ``normalize``, ``replace_many``, ``extract_many``, ``find_many``, ``extract_all`` and
``strptime`` / ``to_datetime`` / ``to_date(format)`` (chrono's format syntax), which the engine computes
(StringMoreFunctions) and the portable backend in Python (portable_text)."""
from __future__ import annotations

from collections.abc import Mapping

from polaroid import datatypes as _types
from polaroid.strings import escape_regex

_FORMS = ("NFC", "NFKC", "NFD", "NFKD")
# Characters whose UTF-8 form takes 2, 3 and 4 bytes, as RE2 (both backends) spells the classes.
_WIDER = ((r"[\x{80}-\x{7FF}]", "xx"), (r"[\x{800}-\x{FFFF}]", "xxx"), (r"[\x{10000}-\x{10FFFF}]", "xxxx"))


def _expr():
    from polaroid import expr
    return expr


def _unit_of(format: str | None) -> str:
    """The time unit Polars gives a datetime parsed with ``format``: ns for 9 fraction digits, ms for 3."""
    if format and ("%.9f" in format or "%9f" in format):
        return "ns"
    if format and ("%.3f" in format or "%3f" in format):
        return "ms"
    return "us"


class StringExtra:
    """Mixed into ``StringNamespace`` (``self._e`` is the string expression)."""

    def find(self, pattern: str, *, literal: bool = False, strict: bool = True):
        """The byte offset (in UTF-8, as Polars) of the first match of ``pattern`` (a regular expression,
        or plain text with ``literal``); null where it does not occur. Polars' UInt32 is Int64 here."""
        if not isinstance(pattern, str):
            raise TypeError("str.find takes the pattern as a str in Polaroid, not %r" % (pattern,))
        e, s = _expr(), self._e
        regex = escape_regex(pattern) if literal else pattern
        before = StringExtra.len_bytes(s.str.replace("(?s)^(.*?)(?:" + regex + ").*$", "$1").str)
        return e.when(s.str.contains(regex)).then(before).otherwise(e.lit(None).cast(_types.Int64))

    def len_bytes(self):
        """The length in bytes of the UTF-8 text (Polars' UInt32 is Int64 here, as len_chars)."""
        s = self._e
        for chars, wide in _WIDER:
            s = s.str.replace_all(chars, wide)
        return s.str.len_chars()

    def join(self, delimiter: str = "", *, ignore_nulls: bool = True):
        """An aggregation: the column's values in order, joined by ``delimiter`` (with nulls: null
        unless ``ignore_nulls``)."""
        e, s = _expr(), self._e
        joined = s.implode().list.join(delimiter)
        if ignore_nulls:
            return joined
        return e.when(s.null_count() > 0).then(e.lit(None).cast(_types.String)).otherwise(joined)

    def to_titlecase(self):
        return self._e._call("str.to_titlecase")

    def normalize(self, form: str = "NFC"):
        if form not in _FORMS:
            raise ValueError("normalize(form=%r): one of %s" % (form, ", ".join(_FORMS)))
        return self._e._call("str.normalize", form)

    def replace_many(self, patterns, replace_with=None, *, ascii_case_insensitive: bool = False,
                     leftmost: bool = False):
        """Literal ``patterns`` replaced left to right without overlaps (a mapping: pattern to replacement)."""
        if isinstance(patterns, Mapping):
            if replace_with is not None:
                raise TypeError("replace_many takes a mapping, or patterns and replace_with, not both")
            patterns, replace_with = list(patterns.keys()), list(patterns.values())
        patterns = _texts(patterns, "patterns")
        if replace_with is None:
            raise TypeError("replace_many needs replace_with (a list), or a mapping of patterns to replacements")
        if isinstance(replace_with, str):
            raise TypeError("replace_many takes the replacements as a list; a single str is invalid, as in Polars")
        replace_with = _texts(replace_with, "replace_with")
        if len(replace_with) == 1:
            replace_with = replace_with * len(patterns)
        if len(replace_with) != len(patterns):
            raise ValueError("replace_many needs one replacement, or one per pattern (%d patterns, %d replacements)"
                             % (len(patterns), len(replace_with)))
        pairs = [t for p, r in zip(patterns, replace_with) for t in (p, r)]
        return self._e._call("str.replace_many", bool(ascii_case_insensitive), bool(leftmost), *pairs)

    def extract_many(self, patterns, *, ascii_case_insensitive: bool = False, overlapping: bool = False,
                     leftmost: bool = False):
        """The literal ``patterns`` found, left to right, as a list of strings."""
        if overlapping:
            raise ValueError("extract_many(overlapping=True): Polaroid finds matches without overlaps")
        return self._e._call("str.extract_many", bool(ascii_case_insensitive), bool(leftmost),
                             *_texts(patterns, "patterns"))

    def find_many(self, patterns, *, ascii_case_insensitive: bool = False, overlapping: bool = False,
                  leftmost: bool = False):
        """The UTF-8 byte offset of each literal pattern found, left to right (Polars' List(UInt32) is
        List(Int64) here)."""
        if overlapping:
            raise ValueError("find_many(overlapping=True): Polaroid finds matches without overlaps")
        return self._e._call("str.find_many", bool(ascii_case_insensitive), bool(leftmost),
                             *_texts(patterns, "patterns"))

    def extract_all(self, pattern: str):
        """Every match of the regular expression ``pattern``, as a list of strings."""
        if not isinstance(pattern, str):
            raise TypeError("str.extract_all takes the pattern as a str in Polaroid, not %r" % (pattern,))
        return self._e._call("str.extract_all", pattern)

    def strptime(self, dtype, format: str | None = None, *, strict: bool = True, exact: bool = True,
                 cache: bool = True, ambiguous: str = "raise"):
        """Text parsed with ``format`` (chrono's syntax: ``%Y-%m-%d %H:%M:%S%.f``, ``%z``...; None: ISO
        forms) as ``pl.Date`` or ``pl.Datetime``."""
        if dtype is _types.Date or isinstance(dtype, _types.Date):
            return self._parse("date", format, "us", None, strict, exact, ambiguous)
        if dtype is _types.Datetime:
            dtype = _types.Datetime(_unit_of(format))
        if isinstance(dtype, _types.Datetime):
            return self._parse("datetime", format, dtype.time_unit, dtype.time_zone, strict, exact, ambiguous)
        raise TypeError("strptime parses to pl.Date or pl.Datetime in Polaroid, not %r" % (dtype,))

    def to_datetime(self, format: str | None = None, *, time_unit: str | None = None, time_zone: str | None = None,
                    strict: bool = True, exact: bool = True, cache: bool = True, ambiguous: str = "raise"):
        return self._parse("datetime", format, time_unit or _unit_of(format), time_zone, strict, exact, ambiguous)

    def to_date(self, format: str | None = None, *, strict: bool = True, exact: bool = True, cache: bool = True):
        return self._parse("date", format, "us", None, strict, exact, "raise")

    def _parse(self, kind, format, unit, time_zone, strict, exact, ambiguous):
        if unit not in ("ns", "us", "ms"):
            raise ValueError("time_unit must be one of ns, us, ms, not %r" % (unit,))
        if ambiguous not in ("raise", "earliest", "latest", "null"):
            raise ValueError("ambiguous must be one of raise, earliest, latest, null, not %r" % (ambiguous,))
        if kind == "datetime" and time_zone is None and format and "%z" in format.replace("%:z", "%z"):
            time_zone = "UTC"  # an offset in the text makes an instant, as in Polars
        return self._e._call("str.strptime", kind, format or "", unit, time_zone or "", bool(strict), bool(exact),
                             ambiguous)


def _texts(values, what: str) -> list:
    if isinstance(values, str):
        values = [values]
    values = list(values)
    if not values or not all(isinstance(v, str) for v in values):
        raise TypeError("%s must be a non-empty list of str in Polaroid, not %r" % (what, values))
    return values
