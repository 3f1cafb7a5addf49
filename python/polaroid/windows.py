"""Polars' order-dependent expressions: ``rank``, ``cum_sum`` and the other running functions,
``shift``, ``diff``, ``pct_change``, ``is_first_distinct``/``is_last_distinct`` and the row numbers
``pl.int_range(pl.len())``. Each row's value comes from the rows of its window in order: the whole
frame in row order, or each group of ``over(partition_by, order_by=...)``."""
from __future__ import annotations

from typing import Any

_RANK_METHODS = ("average", "min", "max", "dense", "ordinal")


class OrderDependent:
    """The order-dependent methods of ``Expr`` (a mixin: ``Expr`` provides ``_call``)."""

    __slots__ = ()

    def rank(self, method: str = "average", *, descending: bool = False, seed: int | None = None):
        """The rank among the values, from 1 (nulls get null); ties as ``method`` says."""
        if method not in _RANK_METHODS:
            raise ValueError("rank method must be one of %s, not %r (Polaroid has no 'random')"
                             % (", ".join(repr(m) for m in _RANK_METHODS), method))
        return self._call("rank", method, descending)

    def cum_sum(self, *, reverse: bool = False):
        return self._call("cum_sum", reverse)

    def cum_prod(self, *, reverse: bool = False):
        return self._call("cum_prod", reverse)

    def cum_min(self, *, reverse: bool = False):
        return self._call("cum_min", reverse)

    def cum_max(self, *, reverse: bool = False):
        return self._call("cum_max", reverse)

    def cum_count(self, *, reverse: bool = False):
        """The number of non-null values so far."""
        return self._call("cum_count", reverse)

    def shift(self, n: int = 1, *, fill_value: Any = None):
        """The value ``n`` rows earlier (later when negative), or ``fill_value`` where there is none."""
        return self._call("shift", n) if fill_value is None else self._call("shift", n, fill_value)

    def diff(self, n: int = 1, null_behavior: str = "ignore"):
        """This value minus the one ``n`` rows earlier."""
        if null_behavior != "ignore":
            raise ValueError("diff(null_behavior=%r): Polaroid keeps the frame's length, as 'ignore' does"
                             % null_behavior)
        return self._call("diff", n)

    def pct_change(self, n: int = 1):
        """This value over the one ``n`` rows earlier, minus one."""
        return self._call("pct_change", n)

    def forward_fill(self, limit: int | None = None):
        """Nulls take the last non-null value before them (at most ``limit`` rows back)."""
        return self._call("forward_fill") if limit is None else self._call("forward_fill", limit)

    def backward_fill(self, limit: int | None = None):
        """Nulls take the next non-null value after them (at most ``limit`` rows ahead)."""
        return self._call("backward_fill") if limit is None else self._call("backward_fill", limit)

    def reverse(self):
        return self._call("reverse")

    def rle_id(self):
        """The number of the run of equal values each row is in, from 0 (Polars' u32 is Int64 here)."""
        return self._call("rle_id")

    def rolling_sum(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False):
        return self._rolling("rolling_sum", window_size, weights, min_samples, center)

    def rolling_mean(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False):
        return self._rolling("rolling_mean", window_size, weights, min_samples, center)

    def rolling_min(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False):
        return self._rolling("rolling_min", window_size, weights, min_samples, center)

    def rolling_max(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False):
        return self._rolling("rolling_max", window_size, weights, min_samples, center)

    def rolling_std(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False,
                    ddof: int = 1):
        return self._rolling("rolling_std", window_size, weights, min_samples, center, ddof)

    def rolling_var(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False,
                    ddof: int = 1):
        return self._rolling("rolling_var", window_size, weights, min_samples, center, ddof)

    def rolling_median(self, window_size: int, weights=None, *, min_samples: int | None = None, center: bool = False):
        return self._rolling("rolling_median", window_size, weights, min_samples, center)

    def rolling_quantile(self, quantile: float, interpolation: str = "nearest", window_size: int = 2, weights=None, *,
                         min_samples: int | None = None, center: bool = False):
        return self._rolling("rolling_quantile", window_size, weights, min_samples, center, float(quantile),
                             interpolation)

    def interpolate(self, method: str = "linear"):
        """Nulls on the straight line between the values around them (Polars' linear method)."""
        if method != "linear":
            raise ValueError("interpolate(method=%r): Polaroid interpolates linearly" % method)
        return self._call("interpolate")

    def _rolling(self, fn: str, window_size: int, weights, min_samples, center: bool, *extra):
        """The wire form: the window, then ddof (std, var) or the quantile and its interpolation."""
        if weights is not None:
            raise ValueError("%s(weights=...): Polaroid's rolling windows are unweighted" % fn)
        return self._call(fn, window_size, window_size if min_samples is None else min_samples, center, *extra)

    def is_first_distinct(self):
        return self._call("is_first_distinct")

    def is_last_distinct(self):
        return self._call("is_last_distinct")


def int_range(start: Any = 0, end: Any = None, step: int = 1, *, dtype: Any = None, eager: bool = False):
    """Row numbers, as Polars' ``pl.int_range(pl.len())``: over the frame, or within each group with
    ``.over(...)``. Polaroid computes the ranges as long as the frame, ``int_range(0, pl.len())``."""
    from polaroid.expr import Expr, len as _len, lit
    if end is None:
        start, end = 0, start
    if eager or step != 1 or not isinstance(start, int) or start != 0 or not isinstance(end, Expr) \
            or end.to_dict() != _len().to_dict():
        raise ValueError("int_range is supported as int_range(pl.len()) or int_range(0, pl.len()): the row numbers "
                         "of the frame or of each window (add an offset to them)")
    numbers = Expr({"call": {"function": "int_range", "args": [lit(0).to_dict(), end.to_dict()]}})
    return numbers if dtype is None else numbers.cast(dtype)


def row_index(name: str = "index"):
    """The row numbers, from 0, named ``name`` (Polars' u32 is Int64 here)."""
    from polaroid.expr import len as _len
    return int_range(_len()).alias(name)


def cum_sum(*names: str):
    """``col(name).cum_sum()`` of each column."""
    from polaroid.expr import col
    return col(*names).cum_sum()


def cum_count(*names: str, reverse: bool = False):
    """``col(name).cum_count()`` of each column."""
    from polaroid.expr import col
    return col(*names).cum_count(reverse=reverse)
