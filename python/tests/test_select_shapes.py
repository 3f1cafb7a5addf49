"""How many rows a select gives, as Polars, on both backends: constants and aggregations alone make one
row (also from an empty frame), a column among them broadcasts them to its length."""
import pyarrow as pa
import pytest

from parity import backend_named, lazy_like_polars

FULL = {"a": pa.array([1, 2, 3], pa.int64()), "s": ["x", "y", "z"]}
EMPTY = {"a": pa.array([], pa.int64()), "s": pa.array([], pa.string())}

SELECTS = {
    "a literal": lambda lib, t: t.select(lib.lit(1)),
    "literals and arithmetic on them": lambda lib, t: t.select(lib.lit(2).alias("x"), (lib.lit(1.5) * 2).alias("y")),
    "a literal and an aggregation": lambda lib, t: t.select(lib.lit("k").alias("k"), lib.col("a").sum()),
    "a literal beside a column": lambda lib, t: t.select(lib.lit(7).alias("x"), "s"),
    "with_columns of a literal": lambda lib, t: t.with_columns(lib.lit(7).alias("x")),
}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("data", [FULL, EMPTY], ids=["three rows", "empty"])
@pytest.mark.parametrize("case", list(SELECTS))
def test_rows_of_a_select_as_polars(cluster, backend, data, case):
    lazy_like_polars(backend_named(backend, cluster), data, SELECTS[case], what=case)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_an_aggregation_of_literals_is_of_one_value_as_polars(cluster, backend):
    """lit(2).count() is 1 and lit(2).sum() 2, per group and over the frame: a literal is one value."""
    data = {"k": pa.array([1, 1, 2, None], pa.int64()), "x": pa.array([1, 2, 3, 4], pa.int64())}

    def aggs(lib):
        return [lib.lit(2).count().alias("c"), lib.lit(2).sum().alias("s"), lib.lit(None).count().alias("cn"),
                lib.lit(None, dtype=lib.Int64).sum().alias("sn"), lib.lit(2).n_unique().alias("u"),
                lib.lit(2).mean().alias("m"), lib.lit(2).first().alias("f"), (lib.lit(2) + lib.lit(-1.5)).max().alias("e"),
                (lib.lit(2).sum() + lib.col("x").sum()).alias("mix")]
    b = backend_named(backend, cluster)
    lazy_like_polars(b, data, lambda lib, t: t.group_by("k").agg(aggs(lib)).sort("k"))
    lazy_like_polars(b, data, lambda lib, t: t.select(aggs(lib)))
