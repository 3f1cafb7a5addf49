"""More of Polars' order-dependent expressions: the exponentially weighted ``ewm_mean``, ``ewm_std``,
``ewm_var`` and ``ewm_sum``; the rolling functions over a period of a ``by`` column (``rolling_sum_by``,
``rolling_mean_by``, ...); ``interpolate_by``; and ``peak_max``/``peak_min``, composed of ``shift``.
Like the others, each runs over the whole frame in row order, or each group of ``over(...)``."""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

_CLOSED = ("right", "left", "both", "none")


def ewm_alpha(com=None, span=None, half_life=None, alpha=None) -> float:
    """Polars' smoothing factor from exactly one of ``com``, ``span``, ``half_life`` or ``alpha``."""
    if sum(p is not None for p in (com, span, half_life, alpha)) > 1:
        raise ValueError("parameters `com`, `span`, `half_life`, and `alpha` are mutually exclusive")
    if com is not None:
        if com < 0.0:
            raise ValueError("require `com` >= 0 (found %r)" % com)
        return 1.0 / (1.0 + com)
    if span is not None:
        if span < 1.0:
            raise ValueError("require `span` >= 1 (found %r)" % span)
        return 2.0 / (span + 1.0)
    if half_life is not None:
        if half_life <= 0.0:
            raise ValueError("require `half_life` > 0 (found %r)" % half_life)
        return 1.0 - math.exp(-math.log(2.0) / half_life)
    if alpha is None:
        raise ValueError("one of `com`, `span`, `half_life`, or `alpha` must be set")
    if not 0 < alpha <= 1:
        raise ValueError("require 0 < `alpha` <= 1 (found %r)" % alpha)
    return float(alpha)


def window_size_text(window_size) -> str:
    """Polars' ``window_size`` (or ``half_life``): a duration string as it is, a timedelta in microseconds."""
    if isinstance(window_size, _dt.timedelta):
        return "%dus" % (window_size // _dt.timedelta(microseconds=1))
    if not isinstance(window_size, str):
        raise TypeError("window_size must be a duration string ('2d', '3h', '5i') or a timedelta, not %r" % (window_size,))
    return window_size


def _column(by):
    from polaroid.expr import Expr, col
    return by if isinstance(by, Expr) else col(by)


class OrderDependentMore:
    """More order-dependent methods of ``Expr`` (a mixin: ``Expr`` provides ``_call``)."""

    __slots__ = ()

    def ewm_mean(self, *, com: float | None = None, span: float | None = None, half_life: float | None = None,
                 alpha: float | None = None, adjust: bool = True, min_samples: int = 1, ignore_nulls: bool = False):
        """The exponentially weighted mean so far (Float32 of Float32, else Float64)."""
        return self._call("ewm_mean", ewm_alpha(com, span, half_life, alpha), adjust, min_samples, ignore_nulls)

    def ewm_std(self, *, com: float | None = None, span: float | None = None, half_life: float | None = None,
                alpha: float | None = None, adjust: bool = True, bias: bool = False, min_samples: int = 1,
                ignore_nulls: bool = False):
        return self._call("ewm_std", ewm_alpha(com, span, half_life, alpha), adjust, bias, min_samples, ignore_nulls)

    def ewm_var(self, *, com: float | None = None, span: float | None = None, half_life: float | None = None,
                alpha: float | None = None, adjust: bool = True, bias: bool = False, min_samples: int = 1,
                ignore_nulls: bool = False):
        return self._call("ewm_var", ewm_alpha(com, span, half_life, alpha), adjust, bias, min_samples, ignore_nulls)

    def ewm_sum(self, *, com: float | None = None, span: float | None = None, half_life: float | None = None,
                alpha: float | None = None, min_samples: int = 1, ignore_nulls: bool = False):
        """The sum so far of each value times ``(1 - alpha)`` to the power of its age."""
        return self._call("ewm_sum", ewm_alpha(com, span, half_life, alpha), min_samples, ignore_nulls)

    def _rolling_by(self, fn: str, by, window_size, min_samples: int, closed: str, *extra):
        if closed not in _CLOSED:
            raise ValueError("closed must be one of %s, not %r" % (", ".join(repr(c) for c in _CLOSED), closed))
        return self._call(fn, _column(by), window_size_text(window_size), min_samples, closed, *extra)

    def rolling_sum_by(self, by: Any, window_size, *, min_samples: int = 0, closed: str = "right"):
        """The sum over the rows whose ``by`` lies in the ``window_size`` ending at the row's."""
        return self._rolling_by("rolling_sum_by", by, window_size, min_samples, closed)

    def rolling_mean_by(self, by: Any, window_size, *, min_samples: int = 1, closed: str = "right"):
        return self._rolling_by("rolling_mean_by", by, window_size, min_samples, closed)

    def rolling_min_by(self, by: Any, window_size, *, min_samples: int = 1, closed: str = "right"):
        return self._rolling_by("rolling_min_by", by, window_size, min_samples, closed)

    def rolling_max_by(self, by: Any, window_size, *, min_samples: int = 1, closed: str = "right"):
        return self._rolling_by("rolling_max_by", by, window_size, min_samples, closed)

    def rolling_std_by(self, by: Any, window_size, *, min_samples: int = 1, closed: str = "right", ddof: int = 1):
        return self._rolling_by("rolling_std_by", by, window_size, min_samples, closed, ddof)

    def rolling_var_by(self, by: Any, window_size, *, min_samples: int = 1, closed: str = "right", ddof: int = 1):
        return self._rolling_by("rolling_var_by", by, window_size, min_samples, closed, ddof)

    def rolling_median_by(self, by: Any, window_size, *, min_samples: int = 1, closed: str = "right"):
        return self._rolling_by("rolling_median_by", by, window_size, min_samples, closed)

    def rolling_quantile_by(self, by: Any, window_size, *, quantile: float, interpolation: str = "nearest",
                            min_samples: int = 1, closed: str = "right"):
        return self._rolling_by("rolling_quantile_by", by, window_size, min_samples, closed, float(quantile),
                                interpolation)

    def ewm_mean_by(self, by: Any, *, half_life):
        """The exponentially weighted mean so far in ``by`` order, a value's weight halving every ``half_life``."""
        return self._call("ewm_mean_by", _column(by), window_size_text(half_life))

    def interpolate_by(self, by: Any):
        """Nulls on the straight line between the values around them, by the values of ``by``."""
        return self._call("interpolate_by", _column(by))

    def peak_max(self):
        """Whether the value is above both its neighbours, as Polars: a missing neighbour at either end is 0."""
        x = self
        return (x > x.shift(1, fill_value=0)) & (x > x.shift(-1, fill_value=0))

    def peak_min(self):
        """Whether the value is below both its neighbours, as Polars: a missing neighbour at either end is 0."""
        x = self
        return (x < x.shift(1, fill_value=0)) & (x < x.shift(-1, fill_value=0))


class SeriesByWindows:
    """The ``*_by`` methods of ``Series``, whose ``by`` may be another Series (of the same length)."""

    def _by(self, fn: str, by, *args, **kwargs):
        import pyarrow as pa
        from polaroid.expr import col
        table = None
        if type(by).__name__ == "Series" and hasattr(by, "_values"):
            table, by = pa.table({self._column(): self._values, "__by": by._values}), col("__by")
        from polaroid.series import Series
        return Series(self._name, self._run(getattr(col(self._column()), fn)(by, *args, **kwargs), table))

    def rolling_sum_by(self, by, window_size, **kwargs):
        return self._by("rolling_sum_by", by, window_size, **kwargs)

    def rolling_mean_by(self, by, window_size, **kwargs):
        return self._by("rolling_mean_by", by, window_size, **kwargs)

    def rolling_min_by(self, by, window_size, **kwargs):
        return self._by("rolling_min_by", by, window_size, **kwargs)

    def rolling_max_by(self, by, window_size, **kwargs):
        return self._by("rolling_max_by", by, window_size, **kwargs)

    def rolling_std_by(self, by, window_size, **kwargs):
        return self._by("rolling_std_by", by, window_size, **kwargs)

    def rolling_var_by(self, by, window_size, **kwargs):
        return self._by("rolling_var_by", by, window_size, **kwargs)

    def rolling_median_by(self, by, window_size, **kwargs):
        return self._by("rolling_median_by", by, window_size, **kwargs)

    def rolling_quantile_by(self, by, window_size, **kwargs):
        return self._by("rolling_quantile_by", by, window_size, **kwargs)

    def interpolate_by(self, by):
        return self._by("interpolate_by", by)

    def ewm_mean_by(self, by, *, half_life):
        return self._by("ewm_mean_by", by, half_life=half_life)
