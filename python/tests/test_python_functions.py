"""Python functions in queries (Expr.map_batches, Expr.map_elements, pl.map_batches, pl.map_groups,
LazyFrame.map_batches, GroupBy.map_groups) against Polars: on the portable backend in expressions; on
the distributed backend refused by name in expressions and run on the collected frame otherwise."""
import warnings

import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, eager_like_polars, lazy_like_polars

DATA = {"k": ["a", "b", "a", "c", "b"], "x": pa.array([1, 2, None, 4, 5]), "y": [0.5, 1.5, 2.5, 3.5, 4.5]}

CASES = {
    "map_batches of a column": lambda lib, t: t.select(lib.col("y").map_batches(lambda s: s * 2).alias("y2"),
                                                       lib.col("x").map_batches(lambda s: s.fill_null(0) + 1)),
    "map_elements of values, nulls skipped": lambda lib, t: t.select(
        lib.col("x").map_elements(lambda v: v * 10, return_dtype=lib.Int64),
        lib.col("k").map_elements(lambda v: v.upper() + "!", return_dtype=lib.String).alias("shout")),
    "map_elements with nulls passed": lambda lib, t: t.select(
        lib.col("x").map_elements(lambda v: -1 if v is None else v, return_dtype=lib.Int64, skip_nulls=False)),
    "pl.map_batches of two columns": lambda lib, t: t.with_columns(
        lib.map_batches(["x", lib.col("y")], lambda s: s[0].fill_null(0) + s[1]).alias("m")),
    "pl.map_groups over a select": lambda lib, t: t.select(
        lib.map_groups(["y"], lambda s: s[0].sum(), returns_scalar=True).alias("total")),
    "a map then a filter": lambda lib, t: t.filter(lib.col("y").map_batches(lambda s: s > 2)).select("k"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_python_functions_on_the_portable_backend_as_polars(cluster, case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Polars' "inefficient map" advice
        lazy_like_polars(backend_named("portable", cluster), DATA, CASES[case], what=case)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_frame_functions_on_both_backends(cluster, backend):
    lazy_like_polars(backend_named(backend, cluster), DATA,
                     lambda lib, t: t.map_batches(lambda df: df.with_columns(lib.col("y") * 3)).filter(lib.col("y") > 4))
    eager_like_polars(backend_named(backend, cluster), DATA,
                      lambda lib, f: f.group_by("k", maintain_order=True).map_groups(
                          lambda g: g.select(lib.col("k").first(), lib.col("y").sum())))


def test_the_cluster_refuses_python_in_expressions_by_name(cluster):
    frame = pl.from_arrow(pa.table(DATA), backend=pl.DistributedBackend(cluster.url))
    with pytest.raises(pl.exceptions.InvalidOperationError, match="map_elements runs a Python function"):
        frame.select(pl.col("x").map_elements(lambda v: v)).collect()
