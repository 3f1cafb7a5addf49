"""Polars' module-level aggregations: ``pl.sum("a")`` is ``pl.col("a").sum()``."""
from __future__ import annotations

from polaroid.expr import Expr, col


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


def first(name: str) -> Expr:
    return _of("first", name)


def last(name: str) -> Expr:
    return _of("last", name)


def n_unique(name: str) -> Expr:
    return _of("n_unique", name)


def std(name: str) -> Expr:
    return _of("std", name)


def var(name: str) -> Expr:
    return _of("var", name)
