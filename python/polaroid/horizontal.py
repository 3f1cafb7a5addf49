"""Polars' horizontal functions: one value per row across columns (names mean columns)."""
from __future__ import annotations

import functools

from polaroid.expr import Expr, _chain, _columns, lit, when


def _exprs(values) -> list:
    exprs = _columns(values)
    if not exprs:
        raise ValueError("a horizontal function needs at least one column or expression")
    return [e if isinstance(e, Expr) else lit(e) for e in exprs]


def sum_horizontal(*exprs) -> Expr:
    """The sum per row; nulls count as 0 (as in Polars)."""
    return functools.reduce(lambda a, b: a + b, [e.fill_null(0) for e in _exprs(exprs)])


def _pick(exprs, keep_left):
    def better(a, b):
        return when(a.is_null()).then(b).when(b.is_null() | keep_left(a, b)).then(a).otherwise(b)
    return functools.reduce(better, _exprs(exprs))


def max_horizontal(*exprs) -> Expr:
    """The largest value per row, nulls ignored (null when all are)."""
    return _pick(exprs, lambda a, b: a >= b)


def min_horizontal(*exprs) -> Expr:
    return _pick(exprs, lambda a, b: a <= b)


def mean_horizontal(*exprs) -> Expr:
    """The mean of the non-null values per row (null when all are)."""
    values = _exprs(exprs)
    count = functools.reduce(lambda a, b: a + b, [e.is_not_null().cast(_int64()) for e in values])
    total = sum_horizontal(*values).cast(_float64())
    return when(count == 0).then(None).otherwise(total / count)


def all_horizontal(*exprs) -> Expr:
    """Kleene AND across columns per row."""
    return functools.reduce(lambda a, b: _chain("and", a, b), _exprs(exprs))


def any_horizontal(*exprs) -> Expr:
    return functools.reduce(lambda a, b: _chain("or", a, b), _exprs(exprs))


def _int64():
    from polaroid.datatypes import Int64
    return Int64


def _float64():
    from polaroid.datatypes import Float64
    return Float64
