"""Polars' ``rolling_skew`` and ``rolling_kurtosis``: the window's central moments from the rolling
means of x, x², x³ and x⁴ (each over the same window and ``min_samples``), so both backends run them
with the rolling functions they have; ``bias=False`` applies the sample corrections Polars applies."""
from __future__ import annotations


class RollingMoments:
    """Mixed into ``Expr``."""

    __slots__ = ()

    def _window_moments(self, window_size: int, min_samples, center: bool):
        from polaroid import datatypes
        x = self.cast(datatypes.Float64)
        means = [p.rolling_mean(window_size, min_samples=min_samples, center=center)
                 for p in (x, x * x, x * x * x, x * x * x * x)]
        count = x.is_not_null().cast(datatypes.Float64).rolling_sum(window_size, min_samples=0, center=center)
        m1, e2, e3, e4 = means
        m2 = e2 - m1 * m1
        m3 = e3 - 3 * m1 * e2 + 2 * m1 * m1 * m1
        m4 = e4 - 4 * m1 * e3 + 6 * m1 * m1 * e2 - 3 * m1 * m1 * m1 * m1
        return m2, m3, m4, count

    def rolling_skew(self, window_size: int, *, bias: bool = True, min_samples: int | None = None, center: bool = False):
        """The skewness of each window (Fisher-Pearson; the adjusted one unless ``bias``)."""
        m2, m3, _, n = self._window_moments(window_size, min_samples, center)
        skew = m3 / m2.pow(1.5)
        return skew if bias else skew * (n * (n - 1)).sqrt() / (n - 2)

    def rolling_kurtosis(self, window_size: int, *, fisher: bool = True, bias: bool = True,
                         min_samples: int | None = None, center: bool = False):
        """The kurtosis of each window (excess over the normal's 3 when ``fisher``; the sample one unless ``bias``)."""
        m2, _, m4, n = self._window_moments(window_size, min_samples, center)
        ratio = m4 / (m2 * m2)
        if not bias:
            ratio = ((n * n - 1) * ratio - 3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3)) + 3
        return ratio - 3 if fisher else ratio
