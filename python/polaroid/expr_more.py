"""More of Polars' Expr, each composed of the engine's functions (so both backends run it): ``replace``,
``is_close``, ``nan_max``/``nan_min``, ``skew``, ``kurtosis``, ``entropy``, ``truncate``, ``truncdiv``,
``is_empty``. Aggregations here use only flat sums and counts (raw moments), because aggregations
cannot be nested."""
from __future__ import annotations

import math

from polaroid import datatypes as _types

_NO_DEFAULT = object()


def _expr():
    from polaroid import expr
    return expr


class ExprMore:
    """Mixed into ``Expr``."""

    __slots__ = ()

    def set_sorted(self, *, descending: bool = False):
        """As Polars: a promise that the values are sorted, which Polaroid does not use; the same expression."""
        return self

    def replace(self, old, new=_NO_DEFAULT):
        """Values equal to one in ``old`` become the matching one in ``new`` (``{old: new}`` or two lists,
        or one value for all); the others stay."""
        e = _expr()
        pairs = _pairs(old, new)
        if not pairs:
            return self
        chain = None
        for a, b in pairs:
            hit = self.is_null() if a is None else self.eq(a)
            chain = (e.when(hit) if chain is None else chain.when(hit)).then(e.lit(b))
        return chain.otherwise(self).alias(e.output_name(self._node))

    def is_close(self, other, *, abs_tol: float = 0.0, rel_tol: float = 1e-09, nans_equal: bool = False):
        """``|a - b| <= max(rel_tol * max(|a|, |b|), abs_tol)``; equal infinities are close, NaN is not
        (unless ``nans_equal``)."""
        e = _expr()
        other = e.lit(other)
        a, b = self.cast(_types.Float64), other.cast(_types.Float64)
        bound = e.when(a.abs() >= b.abs()).then(a.abs()).otherwise(b.abs()) * rel_tol
        tolerance = e.when(bound >= abs_tol).then(bound).otherwise(abs_tol)
        both_nan = (a.is_nan() & b.is_nan()) if nans_equal else e.lit(False)
        return (e.when(a.is_nan() | b.is_nan()).then(both_nan)
                .when(a.is_infinite() | b.is_infinite()).then(a == b)
                .otherwise((a - b).abs() <= tolerance))

    def nan_max(self):
        """The largest value, NaN if there is one (``max`` skips NaN)."""
        return self._nan_or(self.max())

    def nan_min(self):
        return self._nan_or(self.min())

    def _nan_or(self, aggregate):
        e = _expr()
        any_nan = self.is_nan().cast(_types.Int8).max() == 1
        return e.when(any_nan).then(e.lit(float("nan"))).otherwise(aggregate)

    def _moments(self):
        """n, mean, and the 2nd..4th central moments (biased), from raw sums."""
        x = self.cast(_types.Float64)
        n = x.count().cast(_types.Float64)
        m1, r2, r3, r4 = x.mean(), (x * x).mean(), (x * x * x).mean(), (x * x * x * x).mean()
        c2 = r2 - m1 * m1
        c3 = r3 - 3 * m1 * r2 + 2 * m1 * m1 * m1
        c4 = r4 - 4 * m1 * r3 + 6 * m1 * m1 * r2 - 3 * m1 * m1 * m1 * m1
        return n, c2, c3, c4

    def skew(self, *, bias: bool = True):
        """The sample skewness (Fisher-Pearson; ``bias=False`` adjusts for the sample size)."""
        n, c2, c3, _ = self._moments()
        g1 = c3 / c2.pow(1.5)
        return g1 if bias else g1 * (n * (n - 1)).sqrt() / (n - 2)

    def kurtosis(self, *, fisher: bool = True, bias: bool = True):
        """The sample kurtosis (excess over the normal's 3 with ``fisher``)."""
        n, c2, _, c4 = self._moments()
        g2 = c4 / (c2 * c2)
        if not bias:
            g2 = ((n + 1) * g2 - 3 * (n - 1)) * (n - 1) / ((n - 2) * (n - 3)) + 3
        return g2 - 3 if fisher else g2

    def entropy(self, base: float = math.e, *, normalize: bool = True):
        """``-sum(p * ln p)`` over the values (``p`` the values over their sum with ``normalize``), in ``base``."""
        x = self.cast(_types.Float64)
        x_ln_x = (x * x.log()).sum()
        h = (x.sum().log() - x_ln_x / x.sum()) if normalize else -x_ln_x
        return h / math.log(base)

    def truncate(self, decimals: int = 0):
        """Toward zero, to ``decimals`` places."""
        e = _expr()
        if decimals == 0:
            return e.when(self >= 0).then(self.floor()).otherwise(self.ceil())
        scale = 10.0 ** decimals
        scaled = self * scale
        return e.when(scaled >= 0).then(scaled.floor()).otherwise(scaled.ceil()) / scale

    def truncdiv(self, other):
        """Division rounded toward zero (``floordiv`` rounds down)."""
        e = _expr()
        quotient, rest = self.floordiv(other), self.mod(other)
        negative = (self < 0).xor(e.lit(other) < 0)
        return e.when((rest != 0) & negative).then(quotient + 1).otherwise(quotient)

    def is_empty(self, *, ignore_nulls: bool = False):
        """Whether there are no values (no non-null values with ``ignore_nulls``)."""
        return (self.count() if ignore_nulls else self.len()) == 0


def _pairs(old, new) -> list:
    if new is _NO_DEFAULT:
        if not isinstance(old, dict):
            raise TypeError("replace(old) takes a mapping; give new= otherwise")
        return list(old.items())
    olds = list(old) if isinstance(old, (list, tuple)) else [old]
    news = list(new) if isinstance(new, (list, tuple)) else [new] * len(olds)
    if len(olds) != len(news):
        raise ValueError("replace: %d old values and %d new ones" % (len(olds), len(news)))
    return list(zip(olds, news))
