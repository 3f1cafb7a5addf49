"""Polars' module-level aggregations: ``pl.sum("a")`` is ``pl.col("a").sum()``."""
from __future__ import annotations

from polaroid.expr import Expr, col
from polaroid.selection import by_index, everything


def _of(method: str, name: str) -> Expr:
    if not isinstance(name, str):
        raise TypeError("pl.%s takes a column name, not %r" % (method, name))
    return getattr(col(name), method)()


def sum(name: str) -> Expr:  # noqa: A001 - Polars' name
    return _of("sum", name)


def mean(name: str) -> Expr:
    return _of("mean", name)


def min(name: str) -> Expr:  # noqa: A001
    return _of("min", name)


def max(name: str) -> Expr:  # noqa: A001
    return _of("max", name)


def median(name: str) -> Expr:
    return _of("median", name)


def count(name: str) -> Expr:
    return _of("count", name)


def first(*columns: str):
    """The first value of each column named; with none, the frame's first column (as in Polars)."""
    return col(*columns).first() if columns else by_index([0])


def last(*columns: str):
    return col(*columns).last() if columns else by_index([-1])


def nth(*indices):
    """The columns at these positions."""
    flat = [i for x in indices for i in (x if isinstance(x, (list, tuple)) else [x])]
    return by_index(flat)


def all(*names: str, ignore_nulls: bool = True):  # noqa: A001
    """Every column (``pl.all().sum()``); with names, whether all their values are true."""
    return col(*names).all(ignore_nulls=ignore_nulls) if names else everything()


def any(*names: str, ignore_nulls: bool = True):  # noqa: A001
    return col(*names).any(ignore_nulls=ignore_nulls)


def exclude(columns, *more_columns):
    """Every column but these (names or data types)."""
    return everything().exclude(columns, *more_columns)


def n_unique(name: str) -> Expr:
    return _of("n_unique", name)


def std(name: str) -> Expr:
    return _of("std", name)


def var(name: str) -> Expr:
    return _of("var", name)


def quantile(column: str, quantile: float, interpolation: str = "nearest") -> Expr:
    """``pl.col(column).quantile(quantile, interpolation)``."""
    return col(column).quantile(quantile, interpolation)


def approx_n_unique(*columns: str) -> Expr:
    """The number of distinct values, counted exactly (an exact count is the best approximation)."""
    return col(*columns).approx_n_unique()
