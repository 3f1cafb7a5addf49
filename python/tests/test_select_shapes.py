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
