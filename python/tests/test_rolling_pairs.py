"""``pl.rolling_cov`` and ``pl.rolling_corr`` checked against Polars on both backends: full windows,
``min_samples``, ``ddof``, nulls in either column, constant windows (NaN) and per group."""
import pytest

import polaroid as pl
from parity import scans_like_polars


def _rolling_cases(lib):
    x, f, i = lib.col("x"), lib.col("f"), lib.col("id")
    return {
        "rolling covariance: full windows, min_samples, ddof, per group": lambda t: t.select(
            "id", lib.rolling_cov("x", "id", window_size=3).alias("c3"),
            lib.rolling_cov(x, i, window_size=5, min_samples=2, ddof=0).alias("c0"),
            lib.rolling_cov(x, x * 2, window_size=4, min_samples=1).alias("c1"),
            lib.rolling_cov("x", "id", window_size=4, min_samples=2).over("k").alias("per_k"),
            lib.rolling_cov(f, x, window_size=3, min_samples=2).alias("nan")),
        "rolling correlation: nulls in either, constant windows give NaN": lambda t: t.select(
            "id", lib.rolling_corr("x", "id", window_size=3).alias("r3"),
            lib.rolling_corr(x, (x > 100).cast(lib.Int64), window_size=3, min_samples=2).alias("const"),
            lib.rolling_corr(x, i, window_size=6, min_samples=3).over("k").alias("per_k"),
            lib.rolling_corr(x, x, window_size=2, min_samples=1).alias("self")),
    }


@pytest.mark.parametrize("case", list(_rolling_cases(pl)))
def test_rolling_pairs_like_polars(cluster, mixed_frame, case):
    scans_like_polars(_rolling_cases, case, cluster, mixed_frame)
