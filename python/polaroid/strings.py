"""More of Polars' ``str`` namespace, composed of the engine's string functions: ``strip_prefix``,
``strip_suffix``, ``contains_any``, ``count_matches``, ``extract``, ``escape_regex``, ``to_integer``,
``to_decimal``; and ``pl.escape_regex``."""
from __future__ import annotations

import re

from polaroid import datatypes as _types

# What Rust's regex_syntax::escape (Polars') puts a backslash before.
_META = r"\.+*?()|[]{}^$#&-~"
_META_CLASS = "[" + "".join("\\" + c for c in _META) + "]"


def escape_regex(s: str) -> str:
    """``s`` with every regular-expression metacharacter escaped, as Polars escapes it."""
    if not isinstance(s, str):
        raise TypeError("escape_regex takes a str, not %r" % (s,))
    return "".join("\\" + c if c in _META else c for c in s)


def replacement(value: str) -> str:
    """A Polars replacement (``$1`` a group, ``$$`` a dollar, a backslash itself) in the plan's syntax,
    RE2J's (``$1`` a group, a backslash escapes the next character)."""
    return re.sub(r"\$\$", r"\\$", value.replace("\\", "\\\\"))


def _expr():
    from polaroid import expr
    return expr


class StringMore:
    """Mixed into ``StringNamespace`` (``self._e`` is the string expression)."""

    def strip_prefix(self, prefix: str):
        """Without ``prefix`` where it starts with it."""
        e, s = _expr(), self._e
        return e.when(s.str.starts_with(prefix)).then(s.str.slice(len(prefix))).otherwise(s)

    def strip_suffix(self, suffix: str):
        e, s = _expr(), self._e
        if not suffix:
            return s
        return e.when(s.str.ends_with(suffix)).then(s.str.head(-len(suffix))).otherwise(s)

    def contains_any(self, patterns, *, ascii_case_insensitive: bool = False):
        """Whether any of the texts ``patterns`` occurs (plainly, not as regular expressions)."""
        patterns = list(patterns)
        if not patterns:
            raise ValueError("contains_any needs at least one pattern")
        alternatives = "|".join(escape_regex(p) for p in patterns)
        return self._e.str.contains(("(?i)" if ascii_case_insensitive else "") + alternatives)

    def count_matches(self, pattern: str, *, literal: bool = False):
        """How many times ``pattern`` occurs (non-overlapping, left to right)."""
        s = self._e
        if literal:
            if not pattern:
                raise ValueError("count_matches needs a non-empty literal pattern")
            gone = s.str.len_chars() - s.str.replace_all(pattern, "", literal=True).str.len_chars()
            return (gone / len(pattern)).cast(_types.Int64)
        # Every match becomes one NUL; NULs already there are counted out.
        marked = s.str.replace_all(pattern, "\x00")
        return (_nuls(marked) - _nuls(s)).cast(_types.Int64)

    def extract(self, pattern: str, group_index: int = 1):
        """Group ``group_index`` of the first match of ``pattern`` (0: the whole match); null without a match."""
        e, s = _expr(), self._e
        whole = "(?s)^.*?(" + pattern + ").*$"
        return e.when(s.str.contains(pattern)).then(
            s.str.replace(whole, "$%d" % (group_index + 1))).otherwise(e.lit(None).cast(_types.String))

    def escape_regex(self):
        return self._e.str.replace_all(_META_CLASS, "\\$0")

    def to_integer(self, *, base: int = 10, dtype=None, strict: bool = True):
        """Decimal digits as Int64 (a text that is not a number: an error, or null unless ``strict``)."""
        if base != 10:
            raise ValueError("to_integer(base=%r): Polaroid reads base 10" % (base,))
        return self._e.cast(dtype or _types.Int64, strict=strict)

    def to_decimal(self, *, scale: int):
        return self._e.cast(_types.Decimal(38, scale), strict=True)


def _nuls(s):
    return s.str.len_chars() - s.str.replace_all("\x00", "", literal=True).str.len_chars()
