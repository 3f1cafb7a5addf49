"""Aggregations where Polars allows them, checked against Polars on both backends: inside filter and
with_columns (broadcast over the frame), mixed with columns in select, and with expressions around and
inside them."""
import math

import polars
import pytest

import polaroid as pl


def _cases(lib):
    price = lib.col("o_totalprice").cast(lib.Float64)
    key = lib.col("o_orderkey")
    return {
        "filter above the mean": lambda f: f.filter(price > price.mean()).select(key).sort("o_orderkey"),
        "with_columns share of the total": lambda f: f.with_columns((price / price.sum()).alias("share"))
        .select(key, lib.col("share")).sort("o_orderkey").head(20),
        "select a column and a maximum": lambda f: f.select(key, key.max().alias("top")).sort("o_orderkey").head(5),
        "expressions around aggregations": lambda f: f.select(price.sum().round(2).alias("total"),
                                                              (key * 2).mean().alias("twice"),
                                                              (0.2 * price.mean()).alias("fifth")),
        "aggregation of a filtered frame in a filter": lambda f: f.filter(key < 100)
        .filter(key >= key.max() - 50).select(key).sort("o_orderkey"),
        "count and len in with_columns": lambda f: f.filter(key < 40).with_columns(key.count().alias("n"))
        .select(key, lib.col("n")).sort("o_orderkey"),
    }


def _same(expected, actual, case):
    assert actual.column_names == expected.column_names, case
    assert actual.num_rows == expected.num_rows, case
    for name in expected.column_names:
        for e, a in zip(expected.column(name).to_pylist(), actual.column(name).to_pylist()):
            if isinstance(e, float) or isinstance(a, float):
                assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9), (case, name, e, a)
            else:
                assert a == e, (case, name, e, a)


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_aggregations_in_row_contexts_give_polars_answer(cluster, tpch, case):
    path = str(tpch[0] / "orders.parquet")
    expected = _cases(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _cases(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        _same(expected, actual, "%s on %s" % (case, backend))


def _grouped(lib):
    key = lib.col("o_orderstatus")
    return {
        "group_by len": lambda f: f.group_by("o_orderstatus").len().sort("o_orderstatus"),
        "group_by sum of every other column": lambda f: f.select(key, lib.col("o_orderkey"), lib.col("o_custkey"))
        .group_by("o_orderstatus").sum().sort("o_orderstatus"),
        "group_by max": lambda f: f.select(key, lib.col("o_orderkey")).group_by("o_orderstatus").max().sort("o_orderstatus"),
        "module aggregations": lambda f: f.select(lib.sum("o_orderkey"), lib.max("o_custkey"), lib.n_unique("o_orderstatus")),
        "coalesce and concat_str take column names": lambda f: f.filter(lib.col("o_orderkey") < 50).select(
            lib.coalesce("o_comment", "o_orderstatus").alias("c"),
            lib.concat_str("o_orderstatus", "o_orderpriority", separator="/").alias("s")).sort("c"),
    }


@pytest.mark.parametrize("case", list(_grouped(pl)))
def test_polars_shorthands_give_polars_answer(cluster, tpch, case):
    path = str(tpch[0] / "orders.parquet")
    expected = _grouped(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _grouped(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        _same(expected, actual, "%s on %s" % (case, backend))
