"""Expressions: ``col("price") > 100``, with Polars' method names, built as ``polaroid.v1`` dicts."""
from __future__ import annotations

import builtins
import datetime as _dt
import functools
import math
import decimal as _decimal
from typing import Any, Iterable

from polaroid import datatypes as _types
from polaroid._wire import Int64
from polaroid.expr_more import ExprMore
from polaroid.expr_extra import ExprExtra
from polaroid.expr_numbers import NumberMore
from polaroid.lists_more import ListMore
from polaroid.strings import StringMore, replacement
from polaroid.dates import DateMore
from polaroid.rowsets import RowSets, has_row_set
from polaroid.strings_extra import StringExtra
from polaroid.dates_extra import DateExtra
from polaroid import durations
from polaroid.python_functions import ExprFunctions
from polaroid.dtype_pipes import ExprPipes
from polaroid.dates_business import DateBusiness
from polaroid.windows import OrderDependent
from polaroid.windows_more import OrderDependentMore
from polaroid.windows_moments import RollingMoments
from polaroid.structs import StructExpr
from polaroid.binary import BinaryExpr, StringCodecs
from polaroid import binary as _binary

_EPOCH = _dt.date(1970, 1, 1)


class Expr(ExprMore, OrderDependent, RowSets, NumberMore, ExprExtra, OrderDependentMore, RollingMoments, ExprFunctions,
           ExprPipes, StructExpr, BinaryExpr):
    """A lazy expression; ``to_dict()`` is its ``polaroid.v1.Expr`` JSON form."""

    __slots__ = ("_node",)

    def __init__(self, node: dict):
        self._node = node

    def to_dict(self) -> dict:
        return self._node

    def __repr__(self) -> str:
        return "Expr(%r)" % (self._node,)

    def __bool__(self):
        raise TypeError("an Expr has no truth value: combine conditions with & and |, not 'and' and 'or'")

    def __hash__(self):
        return id(self)

    def _call(self, function: str, *args: Any) -> "Expr":
        return _call(function, self, *args)

    # arithmetic
    def __add__(self, other): return self._call("add", other)
    def __radd__(self, other): return _call("add", other, self)
    def __sub__(self, other): return self._call("sub", other)
    def __rsub__(self, other): return _call("sub", other, self)
    def __mul__(self, other): return self._call("mul", other)
    def __rmul__(self, other): return _call("mul", other, self)
    def __truediv__(self, other): return self._call("truediv", other)
    def __rtruediv__(self, other): return _call("truediv", other, self)
    def __floordiv__(self, other): return self._call("floordiv", other)
    def __rfloordiv__(self, other): return _call("floordiv", other, self)
    def __mod__(self, other): return self._call("mod", other)
    def __rmod__(self, other): return _call("mod", other, self)
    def __neg__(self): return self._call("neg")
    def __abs__(self): return self.abs()

    # comparison and logic
    def __eq__(self, other): return self._call("eq", other)  # type: ignore[override]
    def __ne__(self, other): return self._call("ne", other)  # type: ignore[override]
    def __lt__(self, other): return self._call("lt", other)
    def __le__(self, other): return self._call("le", other)
    def __gt__(self, other): return self._call("gt", other)
    def __ge__(self, other): return self._call("ge", other)
    def __and__(self, other): return _chain("and", self, other)
    def __rand__(self, other): return _chain("and", other, self)
    def __or__(self, other): return _chain("or", self, other)
    def __ror__(self, other): return _chain("or", other, self)
    def __invert__(self): return self._call("not")

    def eq(self, other): return self.__eq__(other)
    def ne(self, other): return self.__ne__(other)
    def lt(self, other): return self.__lt__(other)
    def le(self, other): return self.__le__(other)
    def gt(self, other): return self.__gt__(other)
    def ge(self, other): return self.__ge__(other)
    def not_(self): return self.__invert__()
    def and_(self, *others): return functools.reduce(lambda a, b: _chain("and", a, b), others, self)
    def or_(self, *others): return functools.reduce(lambda a, b: _chain("or", a, b), others, self)
    def add(self, other): return self.__add__(other)
    def sub(self, other): return self.__sub__(other)
    def mul(self, other): return self.__mul__(other)
    def truediv(self, other): return self.__truediv__(other)
    def floordiv(self, other): return self.__floordiv__(other)
    def mod(self, other): return self.__mod__(other)
    def neg(self): return self.__neg__()

    def over(self, partition_by=None, *more_by, order_by=None, descending: bool = False, nulls_last: bool = False,
             mapping_strategy: str = "group_to_rows") -> "Expr":
        """This expression per group of the keys (column names or expressions): aggregations inside
        it are computed per group and every row gets its group's value, as in Polars; the
        order-dependent functions inside (``rank``, ``cum_sum``, ``shift``, ...) see each group's rows
        in ``order_by`` order (ties, and no ``order_by``, in row order)."""
        if mapping_strategy != "group_to_rows":
            raise ValueError("over(mapping_strategy=%r): Polaroid maps groups to rows ('group_to_rows')"
                             % mapping_strategy)
        keys = [] if partition_by is None else _columns([partition_by, *more_by])
        order = [] if order_by is None else _columns([order_by])
        if not keys and not order:
            raise ValueError("over() needs partition_by or order_by")
        window: dict = {"expr": self._node, "partitionBy": [_to_node(k) for k in keys]}
        if order:
            window["orderBy"] = [dict({"expr": _to_node(k)}, **({"descending": True} if descending else {}),
                                      **({"nullsLast": True} if nulls_last else {})) for k in order]
        return Expr({"window": window})

    def alias(self, name: str) -> "Expr":
        return Expr({"alias": {"expr": self._node, "name": name}})

    def cast(self, dtype, *, strict: bool = True, wrap_numerical: bool = False) -> "Expr":
        """Converted to ``dtype``; as Polars, a value that does not convert fails the query unless
        ``strict=False`` (then it is null)."""
        if wrap_numerical:
            raise TypeError("cast(wrap_numerical=True): Polaroid does not wrap integers around on overflow")
        cast = {"expr": self._node, "type": _types.to_dict(dtype)}
        if strict:
            cast["strict"] = True
        return Expr({"cast": cast})

    def abs(self): return self._call("abs")
    def sqrt(self): return self._call("sqrt")
    def cbrt(self): return self._call("cbrt")
    def exp(self): return self._call("exp")
    def log10(self): return self._call("log10")
    def log1p(self): return self._call("log1p")
    def sin(self): return self._call("sin")
    def cos(self): return self._call("cos")
    def tan(self): return self._call("tan")
    def cot(self): return self._call("cot")
    def arcsin(self): return self._call("arcsin")
    def arccos(self): return self._call("arccos")
    def arctan(self): return self._call("arctan")
    def sinh(self): return self._call("sinh")
    def cosh(self): return self._call("cosh")
    def tanh(self): return self._call("tanh")
    def arcsinh(self): return self._call("arcsinh")
    def arccosh(self): return self._call("arccosh")
    def arctanh(self): return self._call("arctanh")
    def degrees(self): return self._call("degrees")
    def radians(self): return self._call("radians")

    # compositions, as Polars defines them
    def any(self, ignore_nulls: bool = True):
        """Whether any value is true; nulls ignored (false when there is none)."""
        if not ignore_nulls:
            raise ValueError("any(ignore_nulls=False) is not supported")
        return (self.cast(_types.Int8).max() == 1).fill_null(False)

    def all(self, ignore_nulls: bool = True):
        if not ignore_nulls:
            raise ValueError("all(ignore_nulls=False) is not supported")
        return (self.cast(_types.Int8).min() == 1).fill_null(True)

    def null_count(self): return self.is_null().cast(_types.Int64).sum()
    def has_nulls(self): return self.null_count() > 0
    def fill_nan(self, value): return when(self.is_nan()).then(value).otherwise(self).alias(output_name(self._node))
    def is_unique(self): return len().over(self) == 1
    def is_duplicated(self): return len().over(self) > 1
    def eq_missing(self, other): return (self == other).fill_null(self.is_null() & lit(other).is_null())
    def ne_missing(self, other): return ~self.eq_missing(other)
    def xor(self, other): return (self | other) & ~(self & other)
    def dot(self, other): return (self * other).sum()
    def pipe(self, function, *args, **kwargs): return function(self, *args, **kwargs)

    def floor(self): return self._call("floor")
    def ceil(self): return self._call("ceil")
    def sign(self): return self._call("sign")
    def is_nan(self): return self._call("is_nan")
    def is_not_nan(self): return self._call("is_not_nan")
    def is_finite(self): return self._call("is_finite")
    def is_infinite(self): return self._call("is_infinite")
    def pow(self, exponent): return self._call("pow", exponent)
    def __pow__(self, exponent): return self._call("pow", exponent)
    def __rpow__(self, base): return _call("pow", base, self)

    def log(self, base: float = math.e):
        return self._call("log") if base == math.e else self._call("log", float(base))

    def clip(self, lower_bound=None, upper_bound=None):
        return self._call("clip", lower_bound, upper_bound)
    def round(self, decimals: int = 0, mode: str = "half_to_even"):
        """Rounded to ``decimals`` places, halves to even or (``mode="half_away_from_zero"``) away from zero."""
        return self._call("round", decimals) if mode == "half_to_even" else self._call("round", decimals, mode)

    def is_null(self): return self._call("is_null")
    def is_not_null(self): return self._call("is_not_null")
    def fill_null(self, value=None, strategy: str | None = None, limit: int | None = None):
        """Nulls replaced by ``value``, or by the ``min``, ``max``, ``zero`` or ``one`` (``strategy``)."""
        if strategy is None:
            return self._call("fill_null", value)
        if strategy in ("forward", "backward") and value is None:
            return self.forward_fill(limit) if strategy == "forward" else self.backward_fill(limit)
        fills = {"min": self.min, "max": self.max, "zero": lambda: lit(0), "one": lambda: lit(1)}
        if strategy not in fills or value is not None or limit is not None:
            raise ValueError("fill_null(strategy=%r): Polaroid fills forward, backward, or with min, max, zero or one "
                             "(mean keeps the column's type, which a frame's fill_null knows)" % strategy)
        return self._call("fill_null", fills[strategy]())

    def is_in(self, values: Iterable) -> "Expr":
        return self._call("is_in", *list(values))

    def is_between(self, lower, upper, closed: str = "both") -> "Expr":
        if closed == "both":
            return self._call("is_between", lower, upper)
        return self._call("is_between", lower, upper, closed)

    # aggregations
    def sum(self): return self._call("sum")
    def mean(self): return self._call("mean")
    def min(self): return self._call("min")
    def max(self): return self._call("max")
    def count(self): return self._call("count")
    def n_unique(self): return self._call("n_unique")
    def first(self): return self._call("first")
    def last(self): return self._call("last")
    def median(self): return self._call("median")

    def approx_n_unique(self):
        """The number of distinct values, counted exactly (Polars' u32 is Int64 here)."""
        return self.n_unique()

    def quantile(self, quantile: float, interpolation: str = "nearest"):
        """The ``quantile`` (0 to 1) of the values, with Polars' interpolation methods."""
        if not isinstance(quantile, (int, float)):
            raise ValueError("quantile(%r): Polaroid takes one quantile as a number" % (quantile,))
        return self._call("quantile", float(quantile), interpolation)
    def std(self): return self._call("std")
    def var(self): return self._call("var")
    def unique(self): return self._call("unique")
    def implode(self): return self._call("implode")

    def len(self):
        """The number of rows, nulls included, named after this expression (as in Polars); a row set's own."""
        of = [self._node] if has_row_set(self._node) else []
        return Expr({"alias": {"expr": {"call": {"function": "len", **({"args": of} if of else {})}},
                               "name": output_name(self._node)}})

    def exclude(self, columns, *more_columns):
        """This column unless it is one of ``columns`` (see ``pl.all().exclude``)."""
        name = self._node.get("column", {}).get("name")
        if name is None:
            raise TypeError("exclude() applies to columns (col, all), not to %r" % (self,))
        from polaroid import selection
        return selection.by_names_or_types([name]).exclude(columns, *more_columns)

    @property
    def name(self) -> "NameNamespace":
        return NameNamespace(self)

    @property
    def meta(self):
        from polaroid.meta import MetaNamespace
        return MetaNamespace(self)

    @staticmethod
    def deserialize(source, *, format: str = "json") -> "Expr":  # noqa: A002 - Polars' name
        from polaroid.meta import deserialize
        return deserialize(source, format=format)

    @property
    def str(self) -> "StringNamespace":
        return StringNamespace(self)

    @property
    def dt(self) -> "DateNamespace":
        return DateNamespace(self)

    @property
    def list(self) -> "ListNamespace":
        return ListNamespace(self)


class NameNamespace:
    """``expr.name.…``: the output name from the expression's own (its first column's)."""

    def __init__(self, expr: Expr):
        self._e = expr

    def _renamed(self, name: str) -> Expr:
        return self._e.alias(name)

    def keep(self): return self._renamed(output_name(self._e._node))
    def suffix(self, suffix: str): return self._renamed(output_name(self._e._node) + suffix)
    def prefix(self, prefix: str): return self._renamed(prefix + output_name(self._e._node))
    def to_lowercase(self): return self._renamed(output_name(self._e._node).lower())
    def to_uppercase(self): return self._renamed(output_name(self._e._node).upper())

    def map(self, function) -> Expr:
        return self._renamed(function(output_name(self._e._node)))


class StringNamespace(StringMore, StringExtra, StringCodecs):
    """``col("s").str.…``"""

    def __init__(self, expr: Expr):
        self._e = expr

    def contains(self, pattern: str, literal: bool = False) -> Expr:
        """A regular expression, as in Polars; ``literal=True`` matches the text as is."""
        return self._e._call("str.contains" if literal else "str.contains_regex", pattern)

    def starts_with(self, prefix: str): return self._e._call("str.starts_with", prefix)
    def ends_with(self, suffix: str): return self._e._call("str.ends_with", suffix)
    def like(self, pattern: str): return self._e._call("str.like", pattern)
    def len_chars(self): return self._e._call("str.len_chars")
    def to_uppercase(self): return self._e._call("str.to_uppercase")
    def to_lowercase(self): return self._e._call("str.to_lowercase")
    def strip_chars(self, characters: str | None = None):
        if characters is None:
            return self._e._call("str.strip_chars")
        return self._e._call("str.strip_chars", characters)

    def replace(self, pattern: str, value: str, *, literal: bool = False, n: int = 1) -> Expr:
        """The first match replaced (RE2 syntax, ``$1`` a group; ``literal=True``: plain text)."""
        if n != 1:
            raise ValueError("replace(n=%d): only the first match (n=1) or replace_all" % n)
        return self._e._call("str.replace", pattern, value if literal else replacement(value), literal)

    def replace_all(self, pattern: str, value: str, *, literal: bool = False) -> Expr:
        return self._e._call("str.replace_all", pattern, value if literal else replacement(value), literal)

    def reverse(self): return self._e._call("str.reverse")
    def pad_start(self, length: int, fill_char: str = " "): return self._e._call("str.pad_start", length, fill_char)
    def pad_end(self, length: int, fill_char: str = " "): return self._e._call("str.pad_end", length, fill_char)
    def zfill(self, length: int): return self._e._call("str.zfill", length)
    def head(self, n: int): return self._e._call("str.head", n)
    def tail(self, n: int): return self._e._call("str.tail", n)

    def strip_chars_start(self, characters: str | None = None):
        return self._e._call("str.strip_chars_start", *([] if characters is None else [characters]))

    def strip_chars_end(self, characters: str | None = None):
        return self._e._call("str.strip_chars_end", *([] if characters is None else [characters]))

    def slice(self, offset: int, length: int | None = None) -> Expr:
        return self._e._call("str.slice", offset) if length is None else self._e._call("str.slice", offset, length)

    def split(self, by: str, *, inclusive: bool = False) -> Expr:
        """The parts between each occurrence of the literal ``by``, as a list of strings."""
        if inclusive:
            raise ValueError("str.split(inclusive=True): Polaroid splits without the separator")
        return self._e._call("str.split", by)


class ListNamespace(ListMore):
    """``col("l").list.…``: functions of list columns, as Polars names them."""

    def __init__(self, expr: Expr):
        self._e = expr

    def len(self): return self._e._call("list.len")

    def get(self, index: int, *, null_on_oob: bool = False) -> Expr:
        """Value ``index`` (negative: from the end); out of bounds is an error unless ``null_on_oob``."""
        return self._e._call("list.get", index, null_on_oob)

    def first(self): return self._e._call("list.first")
    def last(self): return self._e._call("list.last")
    def contains(self, item) -> Expr: return self._e._call("list.contains", item)
    def sum(self): return self._e._call("list.sum")
    def min(self): return self._e._call("list.min")
    def max(self): return self._e._call("list.max")
    def mean(self): return self._e._call("list.mean")

    def join(self, separator: str, *, ignore_nulls: bool = True) -> Expr:
        if not ignore_nulls:
            raise ValueError("list.join(ignore_nulls=False): Polaroid skips nulls")
        return self._e._call("list.join", separator)

    def unique(self, *, maintain_order: bool = False): return self._e._call("list.unique")
    def n_unique(self): return self._e._call("list.n_unique")

    def sort(self, *, descending: bool = False, nulls_last: bool = False) -> Expr:
        return self._e._call("list.sort", descending, nulls_last)

    def reverse(self): return self._e._call("list.reverse")

    def slice(self, offset: int, length: int | None = None) -> Expr:
        return self._e._call("list.slice", offset) if length is None else self._e._call("list.slice", offset, length)

    def head(self, n: int = 5): return self._e._call("list.head", n)
    def tail(self, n: int = 5): return self._e._call("list.tail", n)


class DateNamespace(DateMore, DateExtra, DateBusiness, durations.DurationMore):
    """``col("d").dt.…``"""

    def __init__(self, expr: Expr):
        self._e = expr

    def year(self): return self._e._call("dt.year")
    def quarter(self): return self._e._call("dt.quarter")
    def month(self): return self._e._call("dt.month")
    def day(self): return self._e._call("dt.day")
    def weekday(self): return self._e._call("dt.weekday")
    def ordinal_day(self): return self._e._call("dt.ordinal_day")
    def hour(self): return self._e._call("dt.hour")
    def minute(self): return self._e._call("dt.minute")
    def second(self): return self._e._call("dt.second")

    def truncate(self, every: str):
        """The start of the calendar window of ``every`` (one unit, as ``"1mo"``, ``"2w"``, ``"15m"``)."""
        return self._e._call("dt.truncate", every)

    def month_start(self): return self._e._call("dt.month_start")
    def month_end(self): return self._e._call("dt.month_end")


class Duration:
    """A calendar interval to add to or subtract from dates: ``duration(months=3)``."""

    __slots__ = ("months", "days", "nanos")

    def __init__(self, months: int = 0, days: int = 0, nanos: int = 0):
        self.months, self.days, self.nanos = months, days, nanos


def col(name, *more_names):
    """A column by name (``col("*")``: every column); several names, or a list of them, make one
    expression per column, as in Polars: ``col("a", "b").sum()`` sums each."""
    names = [*name, *more_names] if isinstance(name, (list, tuple)) else [name, *more_names]
    from polaroid import selection
    if any(not isinstance(n, str) or (n != "*" and selection._is_pattern(n)) for n in names):
        for n in names:
            if not isinstance(n, str) and not (isinstance(n, _types.DataType) or
                                               (isinstance(n, type) and issubclass(n, _types.DataType))):
                raise TypeError("col() takes column names, patterns or data types, not %r" % (n,))
        return selection.by_names_or_types(names)
    if names == ["*"]:
        return selection.everything()
    if builtins.len(names) == 1:
        return Expr({"column": {"name": names[0]}})
    return Columns([Expr({"column": {"name": n}}) for n in names])


class Columns:
    """One expression per column (``col("a", "b")``): every method and operator applies to each, and
    a frame method that takes expressions takes all of them."""

    def __init__(self, members: list):
        self._members = members

    def __iter__(self):
        return iter(self._members)

    def __getattr__(self, name: str):
        values = [getattr(m, name) for m in self._members]
        if all(callable(v) for v in values):
            return lambda *args, **kwargs: Columns([v(*args, **kwargs) for v in values])
        return Columns(values)

    def __repr__(self) -> str:
        return "Columns(%r)" % (self._members,)


def _each(operator: str):
    return lambda self, *args: Columns([getattr(m, operator)(*args) for m in self._members])


for _operator in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
                  "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__neg__", "__abs__", "__eq__", "__ne__",
                  "__lt__", "__le__", "__gt__", "__ge__", "__and__", "__rand__", "__or__", "__ror__", "__invert__"):
    setattr(Columns, _operator, _each(_operator))


def lit(value: Any, dtype: Any = None, *, allow_object: bool = False) -> Expr:
    """A constant: bool, int, float, str, bytes, None, date, datetime, Decimal, timedelta or duration; of
    ``dtype`` when given (a cast, as Polars)."""
    e = value if isinstance(value, Expr) else Expr({"literal": _literal(value)})
    return e if dtype is None else e.cast(dtype)


def _literal(v: Any) -> dict:
    if v is None:
        return {"null": {"id": "NULL"}}
    if isinstance(v, bool):
        return {"boolean": v}
    if isinstance(v, int):
        return {"integer": Int64(v)}
    if isinstance(v, float):
        return {"float": v}
    if isinstance(v, str):
        return {"string": v}
    if isinstance(v, (bytes, bytearray)):
        return _binary.literal(v)
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            micros = int((v - _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)) // _dt.timedelta(microseconds=1))
            return {"timestamp": {"value": Int64(micros), "unit": "MICROSECOND", "timeZone": "UTC"}}
        micros = (v - _dt.datetime(1970, 1, 1)) // _dt.timedelta(microseconds=1)
        return {"timestamp": {"value": Int64(micros), "unit": "MICROSECOND"}}
    if isinstance(v, _dt.date):
        return {"date": (v - _EPOCH).days}
    if isinstance(v, _decimal.Decimal):
        return {"decimal": _decimal_literal(v)}
    if isinstance(v, _dt.timedelta):
        return durations.duration_literal(v // _dt.timedelta(microseconds=1), "us")
    if isinstance(v, _dt.time):
        return durations.time_literal(v)
    if isinstance(v, Duration):
        return {"interval": _interval(v.months, v.days, v.nanos)}
    raise TypeError("cannot use %r (%s) as a literal" % (v, type(v).__name__))


def _interval(months: int, days: int, nanos: int) -> dict:
    out: dict = {}
    if months:
        out["months"] = months
    if days:
        out["days"] = days
    if nanos:
        out["nanos"] = Int64(nanos)
    return out


def _decimal_literal(d: _decimal.Decimal) -> dict:
    """As Java's ``Scalars.decimalTypeOf``: scale from the exponent, precision from the digits."""
    sign, digits, exponent = d.as_tuple()
    scale = max(-exponent, 0)
    scaled = d.quantize(_decimal.Decimal(1).scaleb(-scale))
    unscaled_digits = builtins.len(scaled.as_tuple().digits)
    precision = max(unscaled_digits, scale + (1 if abs(scaled) < 1 else 0), 1)
    out = {"value": format(scaled, "f"), "precision": precision}
    if scale:
        out["scale"] = scale
    return out


def _to_node(v: Any) -> dict:
    return v.to_dict() if isinstance(v, Expr) else {"literal": _literal(v)}


def output_name(e: dict) -> str:
    """The name Polars gives an expression's column: an alias, else its first column (else 'literal')."""
    kind, body = next(iter(e.items()))
    if kind in ("alias", "column"):
        return body["name"]
    if kind in ("call", "pythonCall"):
        args = body.get("args", [])
        return output_name(args[0]) if args else body.get("function", "literal")
    if kind == "cast":
        return output_name(body["expr"])
    if kind == "when":
        return output_name(body["branches"][0]["then"])
    if kind == "window":
        return output_name(body["expr"])
    return "literal"


def _chain(function: str, left: Any, right: Any) -> Expr:
    """``a & b & c`` as one ``and(a, b, c)``: a chain built in a loop stays one call wide instead of
    as deep as it is long (Java's ``Expr.and`` does the same); and/or are associative."""
    terms: list = []
    for side in (left, right):
        node = _to_node(side)
        call = node.get("call")
        if call is not None and call.get("function") == function:
            terms.extend(call.get("args", []))
        else:
            terms.append(node)
    return Expr({"call": {"function": function, "args": terms}})


def _call(function: str, *args: Any) -> Expr:
    call: dict = {"function": function}
    if args:
        call["args"] = [_to_node(a) for a in args]
    return Expr({"call": call})


def len() -> Expr:  # noqa: A001 - Polars' name
    """The number of rows (of the group)."""
    return _call("len")


def _columns(values) -> list:
    """Polars' rule for horizontal functions: a string names a column (use ``lit`` for text)."""
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, (list, tuple)) else [v])
    return [col(v) if isinstance(v, str) else v for v in flat]


def coalesce(*values: Any) -> Expr:
    return _call("coalesce", *_columns(values))


def concat_str(*values: Any, separator: str = "") -> Expr:
    parts = _columns(values)
    if separator:
        parts = [p for i, v in enumerate(parts) for p in ((lit(separator), v) if i else (v,))]
    return _call("concat_str", *parts)


class When:
    """``when(cond).then(a).when(cond2).then(b).otherwise(c)``."""

    def __init__(self, branches: list, condition: Any):
        self._branches = branches
        self._condition = condition

    def then(self, value: Any) -> "Then":
        branch = {"condition": _to_node(_as_expr(self._condition)), "then": _to_node(_as_expr(value))}
        return Then(self._branches + [branch])


class Then(Expr):
    def __init__(self, branches: list):
        super().__init__({"when": {"branches": branches}})
        self._branches = branches

    def when(self, condition: Any) -> When:
        return When(self._branches, condition)

    def otherwise(self, value: Any) -> Expr:
        return Expr({"when": {"branches": self._branches, "otherwise": _to_node(_as_expr(value))}})


def when(condition: Any) -> When:
    return When([], condition)


def _as_expr(v: Any) -> Any:
    """In when/then/otherwise a string names a column, as in Polars; use ``lit("x")`` for text."""
    return col(v) if isinstance(v, str) else v


def to_exprs(items: Iterable) -> list:
    """Column names and expressions, as ``polaroid.v1.Expr`` dicts."""
    out = []
    for item in items:
        if isinstance(item, (list, tuple, Columns)):
            out.extend(to_exprs(list(item)))
        elif isinstance(item, str):
            out.append(col(item).to_dict())
        else:
            out.append(_to_node(item))
    return out
