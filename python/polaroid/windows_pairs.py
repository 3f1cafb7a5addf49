"""Polars' ``rolling_cov`` and ``rolling_corr``, built as Polars builds them (so both backends run
them with the rolling functions they have): rolling means of ``a * b``, ``a`` and ``b`` over the rows
where both are non-null, scaled by ``n / (n - ddof)`` with ``n`` the window's count of such rows,
and for the correlation divided by the square root of the product of the rolling variances."""
from __future__ import annotations


def _pair(a, b):
    from polaroid.expr import col
    return tuple(col(v) if isinstance(v, str) else v for v in (a, b))


def _cov(x, y, window_size: int, min_samples: int, ddof: int):
    from polaroid import datatypes
    from polaroid.expr import when
    both = when(x.is_not_null() & y.is_not_null()).then(1.0)
    mean_xy = (x * y).rolling_mean(window_size, min_samples=min_samples)
    mean_x = (x * both).rolling_mean(window_size, min_samples=min_samples)
    mean_y = (y * both).rolling_mean(window_size, min_samples=min_samples)
    count = (x + y).is_not_null().cast(datatypes.Float64).rolling_sum(window_size, min_samples=0)
    return (mean_xy - mean_x * mean_y) * (count / (count - float(ddof))), both


def rolling_cov(a, b, *, window_size: int, min_samples: int | None = None, ddof: int = 1):
    """The covariance of ``a`` and ``b`` over the ``window_size`` rows ending at each row, given
    ``min_samples`` (default: ``window_size``) non-null values; a string names a column. Named as
    ``a``, as in Polars."""
    x, y = _pair(a, b)
    return _cov(x, y, window_size, window_size if min_samples is None else min_samples, ddof)[0]


def rolling_corr(a, b, *, window_size: int, min_samples: int | None = None):
    """Pearson's correlation of ``a`` and ``b`` over the ``window_size`` rows ending at each row
    (NaN where a window is constant); a string names a column."""
    x, y = _pair(a, b)
    min_samples = window_size if min_samples is None else min_samples
    cov, both = _cov(x, y, window_size, min_samples, 1)
    var_x = (x * both).rolling_var(window_size, min_samples=min_samples)
    var_y = (y * both).rolling_var(window_size, min_samples=min_samples)
    return cov / (var_x * var_y).pow(0.5)
