"""Expr.cast as Polars on both backends: strict by default (a value that does not convert fails the
query), strict=False gives null instead; fractions and finer units are cut off either way."""
import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, lazy_like_polars

BACKENDS = ["distributed", "portable"]
DATA = {"f": pa.array([2.7, -2.7, None, 0.0], pa.float64()), "s": ["1", "-20", None, "300"],
        "i": pa.array([1, 300, None, -5], pa.int64())}


@pytest.mark.parametrize("backend", BACKENDS)
def test_casts_that_convert_give_polars_answer(cluster, backend):
    lazy_like_polars(backend_named(backend, cluster), DATA, lambda lib, t: t.select(
        lib.col("f").cast(lib.Int64).alias("fi"), lib.col("s").cast(lib.Int32).alias("si"),
        lib.col("i").cast(lib.Float64).alias("if"), lib.col("i").cast(lib.String).alias("is"),
        lib.col("i").cast(lib.Int16).alias("i16")))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("bad", [{"x": pa.array(["1", "abc"])}, {"x": pa.array([1.5, float("nan")])},
                                 {"x": pa.array([1.0, 1e30])}, {"x": pa.array([1, 2 ** 40], pa.int64())}],
                         ids=["text", "nan", "too large a float", "too large an integer"])
def test_a_value_that_does_not_convert_fails_unless_not_strict(cluster, backend, bad):
    with pytest.raises(polars.exceptions.InvalidOperationError):
        polars.from_arrow(pa.table(bad)).select(polars.col("x").cast(polars.Int32)).to_arrow()
    frame = pl.from_arrow(pa.table(bad), backend=backend_named(backend, cluster))
    with pytest.raises(pl.PolaroidError):
        frame.select(pl.col("x").cast(pl.Int32)).collect()
    expected = polars.from_arrow(pa.table(bad)).select(polars.col("x").cast(polars.Int32, strict=False)).to_arrow()
    assert frame.select(pl.col("x").cast(pl.Int32, strict=False)).collect().to_arrow().to_pylist() == expected.to_pylist()


@pytest.mark.parametrize("backend", BACKENDS)
def test_floats_to_text_as_polars(cluster, backend):
    values = [3.0, 0.1, 1e20, 1e-7, 1e16, 1e15, 123456.789, -0.0, float("nan"), float("inf"), 1e-5, 2.5e-6, None]
    lazy_like_polars(backend_named(backend, cluster), {"f": pa.array(values, pa.float64())},
                     lambda lib, t: t.select(lib.col("f").cast(lib.String)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_decimal_casts_as_polars(cluster, backend):
    import decimal
    values = [decimal.Decimal(v) for v in ["1.259", "-1.259", "1.250", "1.350", "9.995", "-2.750"]] + [None]
    lazy_like_polars(backend_named(backend, cluster), {
        "d": pa.array(values, pa.decimal128(10, 3)), "f": pa.array([1.259, -1.259, 1.25, 1.35, 9.995, -2.75, None]),
        "s": ["1.005", "1.015", "-1.005", "2.5", "0.125", "7", None]}, lambda lib, t: t.select(
        lib.col("d").cast(lib.Decimal(10, 1)).alias("d1"), lib.col("d").cast(lib.Int64).alias("di"),
        lib.col("f").cast(lib.Decimal(10, 1)).alias("f1"), lib.col("s").cast(lib.Decimal(10, 2)).alias("s2")))


@pytest.mark.parametrize("backend", BACKENDS)
def test_float32_to_text_as_polars(cluster, backend):
    """Float32 has its own thresholds in Polars: plain from 1e-6 to below 1e13, an exponent outside."""
    import random
    rng = random.Random(13)
    values = [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 38) for _ in range(2000)]
    values += [1e15, 9.999e12, 1e13, 1e-6, 9.9e-7, 16777217.0, 3.4e38, 1.4e-45, -0.0, float("nan"), None]
    lazy_like_polars(backend_named(backend, cluster), {"f": pa.array(values, pa.float32())},
                     lambda lib, t: t.select(lib.col("f").cast(lib.String)))
