"""Polars' column selectors (``import polaroid.selectors as cs``): ``cs.numeric()``, ``cs.by_name("a")``,
``cs.starts_with("x_")``, ... combined with ``|`` (union), ``&`` (intersection), ``-`` (difference), ``^``
(symmetric difference) and ``~`` (complement). A selector is a ``Selection``: it goes wherever
``pl.all()`` or ``pl.col(pl.Int64)`` goes (select, with_columns, group_by, agg, sort, drop), and its
expression methods (``cs.numeric().sum()``) apply to every column it picks."""
from __future__ import annotations

import builtins
import re
from typing import Callable

import pyarrow as pa

from polaroid.selection import Selection, names_of_type


class Selector(Selection):
    """Columns picked by their names and types; set operations with another selector pick columns."""

    def __init__(self, pick: Callable, text: str):
        super().__init__(pick)
        self._text = text

    def _combine(self, other, keep: Callable, symbol: str) -> "Selector":
        def pick(names, types):
            a, b = set(self._pick(names, types)), set(other._pick(names, types))
            return [n for n in names if keep(n in a, n in b)]
        return Selector(pick, "[%s %s %s]" % (self._text, symbol, other._text))

    def __or__(self, other):
        if isinstance(other, Selector):
            return self._combine(other, lambda a, b: a or b, "|")
        return Selection.__or__(self, other)

    def __and__(self, other):
        if isinstance(other, Selector):
            return self._combine(other, lambda a, b: a and b, "&")
        return Selection.__and__(self, other)

    def __sub__(self, other):
        if isinstance(other, Selector):
            return self._combine(other, lambda a, b: a and not b, "-")
        return Selection.__sub__(self, other)

    def __xor__(self, other):
        if isinstance(other, Selector):
            return self._combine(other, lambda a, b: a != b, "^")
        raise TypeError("^ combines two selectors")

    def __invert__(self):
        def pick(names, types):
            inside = set(self._pick(names, types))
            return [n for n in names if n not in inside]
        return Selector(pick, "~%s" % self._text)

    def exclude(self, columns, *more_columns) -> "Selector":
        return self - exclude(columns, *more_columns).__invert__()

    def __repr__(self) -> str:
        return self._text


def is_selector(obj) -> bool:
    return isinstance(obj, Selector)


def expand_selector(target, selector: Selector, *, strict: bool = True) -> tuple:
    """The column names ``selector`` picks from a frame or a schema."""
    schema = target._arrow_schema() if hasattr(target, "collect_schema") else \
        target.schema if hasattr(target, "schema") and not isinstance(target, pa.Schema) else target
    if isinstance(schema, dict):
        from polaroid.datatypes_more import Schema
        schema = Schema(schema).to_arrow()
    return tuple(selector.columns(schema))


def _by_type(test: Callable, text: str) -> Selector:
    return Selector(lambda names, types: [n for n, t in zip(names, types) if test(t)], text)


def _items(args) -> list:
    out = []
    for a in args:
        out.extend(a if isinstance(a, (builtins.list, tuple, set)) else [a])
    return out


def all() -> Selector:  # noqa: A001 - Polars' name
    return Selector(lambda names, types: builtins.list(names), "cs.all()")


def by_name(*names, require_all: bool = True) -> Selector:
    wanted = _items(names)

    def pick(present, types):
        missing = [n for n in wanted if n not in present]
        if missing and require_all:
            from polaroid.exceptions import ColumnNotFoundError
            raise ColumnNotFoundError("column %s not found; available columns: %s" % (missing, builtins.list(present)),
                                      "COLUMN_NOT_FOUND")
        return [n for n in dict.fromkeys(wanted) if n in present]
    return Selector(pick, "cs.by_name(%s)" % ", ".join(map(repr, wanted)))


def by_index(*indices, require_all: bool = True) -> Selector:
    wanted = [i for a in _items(indices) for i in (a if isinstance(a, range) else [a])]

    def pick(names, types):
        out = []
        for i in wanted:
            if -len(names) <= i < len(names):
                out.append(names[i])
            elif require_all:
                raise IndexError("column index %d is out of range for %d columns" % (i, len(names)))
        return builtins.list(dict.fromkeys(out))
    return Selector(pick, "cs.by_index(%s)" % ", ".join(map(str, wanted)))


def by_dtype(*dtypes) -> Selector:
    wanted = _items(dtypes)

    def pick(names, types):
        chosen = set()
        for d in wanted:
            chosen |= set(names_of_type(d, names, types))
        return [n for n in names if n in chosen]
    return Selector(pick, "cs.by_dtype(%s)" % ", ".join(map(repr, wanted)))


def _by_text(test: Callable, text: str) -> Selector:
    return Selector(lambda names, types: [n for n in names if test(n)], text)


def starts_with(*prefix: str) -> Selector:
    return _by_text(lambda n: n.startswith(tuple(prefix)), "cs.starts_with(%s)" % ", ".join(map(repr, prefix)))


def ends_with(*suffix: str) -> Selector:
    return _by_text(lambda n: n.endswith(tuple(suffix)), "cs.ends_with(%s)" % ", ".join(map(repr, suffix)))


def contains(*substring: str) -> Selector:
    return _by_text(lambda n: any(s in n for s in substring), "cs.contains(%s)" % ", ".join(map(repr, substring)))


def matches(pattern: str) -> Selector:
    return _by_text(lambda n: re.search(pattern, n) is not None, "cs.matches(%r)" % pattern)


def exclude(columns, *more_columns) -> Selector:
    """Every column but these (names, patterns ``^...$``, data types or selectors)."""
    items = _items([columns, *more_columns])

    def pick(names, types):
        dropped = set()
        for item in items:
            if isinstance(item, Selector):
                dropped |= set(item._pick(names, types))
            elif isinstance(item, str):
                dropped |= {n for n in names if re.fullmatch(item, n)} if item.startswith("^") and item.endswith("$") \
                    else {item}
            else:
                dropped |= set(names_of_type(item, names, types))
        return [n for n in names if n not in dropped]
    return Selector(pick, "cs.exclude(%s)" % ", ".join(map(repr, items)))


def first(*, strict: bool = True) -> Selector:
    return Selector(lambda names, types: builtins.list(names[:1]), "cs.first()")


def last(*, strict: bool = True) -> Selector:
    return Selector(lambda names, types: builtins.list(names[-1:]), "cs.last()")


def _is_int(t) -> bool:
    return pa.types.is_integer(t)


def integer() -> Selector:
    return _by_type(_is_int, "cs.integer()")


def signed_integer() -> Selector:
    return _by_type(pa.types.is_signed_integer, "cs.signed_integer()")


def unsigned_integer() -> Selector:
    return _by_type(pa.types.is_unsigned_integer, "cs.unsigned_integer()")


def float() -> Selector:  # noqa: A001 - Polars' name
    return _by_type(pa.types.is_floating, "cs.float()")


def decimal() -> Selector:
    return _by_type(pa.types.is_decimal, "cs.decimal()")


def numeric() -> Selector:
    return _by_type(lambda t: _is_int(t) or pa.types.is_floating(t) or pa.types.is_decimal(t), "cs.numeric()")


def _is_string(t) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or getattr(pa.types, "is_string_view",
                                                                          lambda _: False)(t)


def string(*, include_categorical: bool = False) -> Selector:
    return _by_type(lambda t: _is_string(t) or (include_categorical and pa.types.is_dictionary(t)), "cs.string()")


def categorical() -> Selector:
    return _by_type(pa.types.is_dictionary, "cs.categorical()")


def binary() -> Selector:
    return _by_type(lambda t: pa.types.is_binary(t) or pa.types.is_large_binary(t), "cs.binary()")


def boolean() -> Selector:
    return _by_type(pa.types.is_boolean, "cs.boolean()")


def date() -> Selector:
    return _by_type(pa.types.is_date, "cs.date()")


def time() -> Selector:
    return _by_type(pa.types.is_time, "cs.time()")


def datetime(time_unit=None, time_zone=("*", None)) -> Selector:
    """Datetime columns, of these units (all by default) and time zones (``"*"``: any zone; None: none)."""
    units = None if time_unit is None else ([time_unit] if isinstance(time_unit, str) else builtins.list(time_unit))
    zones = [time_zone] if isinstance(time_zone, str) or time_zone is None else builtins.list(time_zone)

    def test(t):
        if not pa.types.is_timestamp(t) or (units is not None and t.unit not in units):
            return False
        return (t.tz is None and None in zones) or (t.tz is not None and ("*" in zones or t.tz in zones))
    return _by_type(test, "cs.datetime()")


def duration(time_unit=None) -> Selector:
    units = None if time_unit is None else ([time_unit] if isinstance(time_unit, str) else builtins.list(time_unit))
    return _by_type(lambda t: pa.types.is_duration(t) and (units is None or t.unit in units), "cs.duration()")


def temporal() -> Selector:
    return _by_type(lambda t: pa.types.is_temporal(t), "cs.temporal()")


def list(inner: Selector | None = None) -> Selector:  # noqa: A001 - Polars' name
    def test(t):
        return pa.types.is_list(t) or pa.types.is_large_list(t)
    return _by_type(test, "cs.list()")


def array(inner: Selector | None = None, *, width: int | None = None) -> Selector:
    return _by_type(lambda t: pa.types.is_fixed_size_list(t) and (width is None or t.list_size == width),
                    "cs.array()")


def struct() -> Selector:
    return _by_type(pa.types.is_struct, "cs.struct()")


def nested() -> Selector:
    return _by_type(pa.types.is_nested, "cs.nested()")


def _by_characters(test: Callable, text: str) -> Selector:
    return _by_text(lambda n: n != "" and _every(test(ch) for ch in n), text)


def _every(items) -> bool:
    for item in items:
        if not item:
            return False
    return True


def alpha(ascii_only: bool = False, *, ignore_spaces: bool = False) -> Selector:
    return _by_characters(lambda ch: (ch.isascii() or not ascii_only) and ch.isalpha() or (ignore_spaces and ch == " "),
                          "cs.alpha()")


def digit(ascii_only: bool = False) -> Selector:
    return _by_characters(lambda ch: (ch.isascii() or not ascii_only) and ch.isdigit(), "cs.digit()")


def alphanumeric(ascii_only: bool = False, *, ignore_spaces: bool = False) -> Selector:
    return _by_characters(lambda ch: (ch.isascii() or not ascii_only) and ch.isalnum() or (ignore_spaces and ch == " "),
                          "cs.alphanumeric()")


__all__ = ["Selector", "all", "alpha", "alphanumeric", "array", "binary", "boolean", "by_dtype", "by_index", "by_name",
           "categorical", "contains", "date", "datetime", "decimal", "digit", "duration", "ends_with", "exclude",
           "expand_selector", "first", "float", "integer", "is_selector", "last", "list", "matches", "nested",
           "numeric", "signed_integer", "starts_with", "string", "struct", "temporal", "time", "unsigned_integer"]
