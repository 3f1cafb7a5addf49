"""Polars' row-set expressions (sort, sort_by, arg_sort, head, tail, slice, top_k(_by),
bottom_k(_by), gather, gather_every, drop_nulls, drop_nans, arg_true, filter, get) alone and
together in a select, beside aggregations, inside aggregations per group and in over(), checked
against Polars on both backends: values, row order and dtypes."""
import pytest

import polaroid as pl
from parity import scans_like_polars


def _cases(lib):
    x, f, k, i = lib.col("x"), lib.col("f"), lib.col("k"), lib.col("id")
    return {
        "sort, sort_by and arg_sort side by side": lambda t: t.select(
            x.sort().alias("asc"), x.sort(descending=True, nulls_last=True).alias("desc"),
            i.sort_by("x", "id", descending=[True, False]).alias("by"), i.arg_sort().alias("pos"),
            k.sort_by(f, nulls_last=True, maintain_order=True).alias("kf")),
        "head and tail beside aggregations": lambda t: t.select(
            i.head(4), x.tail(4).alias("t"), x.sum().alias("total"), lib.len()),
        "slices from the start and from the end": lambda t: t.select(f.slice(-7, 4).alias("s"), i.slice(-7, 4)),
        "a slice past the end": lambda t: t.select(i.slice(195, 10), x.slice(195, 10)),
        "a slice to the end": lambda t: t.select(i.slice(190)),
        "top_k and bottom_k, sorted after": lambda t: t.select(
            x.top_k(5).alias("top"), x.bottom_k(5).alias("bottom"), x.top_k_by("id", 5).alias("tby")).sort("top", "tby"),
        "gather, gather_every and get": lambda t: t.select(
            i.gather([0, 5, -1]).alias("g"), x.gather([2, 2, -3]), f.get(4).alias("one")),
        "gather_every from an offset": lambda t: t.select(i.gather_every(37, 3), f.gather_every(37, 3).alias("f")),
        "filter and arg_true": lambda t: t.select(i.filter(x > 10, k == "k2"), (x > 10).filter(x > 10, k == "k2").alias("b")),
        "arg_true alone": lambda t: t.select((x > 14).arg_true()),
        "drop_nulls": lambda t: t.select(f.drop_nulls()),
        "drop_nans": lambda t: t.select(f.drop_nans()),
        "aggregations of row sets over the frame": lambda t: t.select(
            x.drop_nulls().len().alias("n"), x.filter(k == "k1").sum().alias("s"), x.sort_by("id").first().alias("first"),
            f.drop_nans().mean().alias("m"), x.top_k(3).sum().alias("top"), i.head(10).max().alias("h")),
        "aggregations of row sets per group": lambda t: t.group_by("k").agg(
            x.drop_nulls().len().alias("n"), x.filter(i > 100).mean().alias("m"), i.sort_by("x", "id").first().alias("low"),
            x.top_k(2).sum().alias("top"), i.filter(x > 8).len().alias("big"), x.get(0).alias("g0")).sort("k"),
        "sort lists per group": lambda t: t.group_by("k").agg(x.sort().alias("sorted"), i.sort_by("id").alias("ids")).sort("k"),
        "a sort within each group of over()": lambda t: t.select(
            "id", x.sort(nulls_last=True).over("k").alias("sx"), i.arg_sort().over("k").alias("pos")),
        "unique_counts": lambda t: t.select(k.unique_counts().alias("counts")),
        "arg_unique": lambda t: t.select(k.arg_unique().alias("first")),
        "max_by and min_by over the frame and per group": lambda t: lib.concat([
            t.select(lib.lit("all").alias("k"), x.max_by("id").alias("hi"), x.min_by(i).alias("lo")),
            t.group_by("k").agg(x.max_by("id").alias("hi"), x.min_by(i).alias("lo")).sort("k")]),
        "search_sorted and is_sorted": lambda t: t.select(
            x.sort().search_sorted(5, "left").alias("l"), x.sort().search_sorted(5, "right").alias("r"),
            x.sort(descending=True).search_sorted(5, "left", descending=True).alias("d"),
            x.is_sorted().alias("s"), i.sort().is_sorted().alias("s2")),
        "mode": lambda t: t.select(k.mode()).sort("k"),
        "mode with ties": lambda t: t.select(x.mode()).sort("x"),
        "arg_where, arg_sort_by, head, tail and implode of pl": lambda t: lib.concat([
            t.select(lib.arg_where(x > 14).cast(lib.Int64).alias("v")),
            t.select(lib.arg_sort_by("x", "id", descending=[True, False]).cast(lib.Int64).alias("v")).head(20),
            t.select(lib.head("id", 3).alias("v")), t.select(lib.tail("id", 3).alias("v"))]),
        "implode and datetime of pl": lambda t: t.select(lib.implode("id").alias("ids"), lib.datetime(
            2024, x.fill_null(0) % 12 + 1, 3, hour=x.fill_null(0), microsecond=i).alias("dt").sort().head(1)),
        "explode of lists made per group": lambda t: t.group_by("k").agg(x, f.alias("g")).sort("k").select(
            lib.col("x").explode(), lib.col("g").list.explode().alias("f")),
        "type bounds": lambda t: t.select(x.lower_bound().alias("lo"), f.upper_bound().alias("hi"),
                                          x.cast(lib.Int8).upper_bound().alias("i8"), f.lower_bound().alias("flo")),
        "type bounds per group": lambda t: t.group_by("k").agg(x.cast(lib.Int16).lower_bound().alias("lo")).sort("k"),
        "to_physical": lambda t: t.select(lib.col("d").to_physical(), i.to_physical().alias("ip"), k.to_physical()),
        "rolling skewness and kurtosis, over the frame and per group": lambda t: t.select(
            "id", x.rolling_skew(5, min_samples=3).alias("s"), x.rolling_skew(6, bias=False).over("k").alias("su"),
            x.rolling_kurtosis(6, min_samples=4).alias("k"),
            x.rolling_kurtosis(7, fisher=False, bias=False, min_samples=5).over("k").alias("ku")),
        "index_of over the frame and per group": lambda t: t.group_by("k").agg(
            x.index_of(3).alias("three"), f.index_of(None).alias("null")).sort("k"),
        "order-dependent functions inside row sets": lambda t: t.select(
            x.cum_sum().head(5).alias("cs"), x.rank("ordinal").sort().head(5).alias("r")),
        "a filter by an order-dependent function": lambda t: t.select(i.filter(x.is_first_distinct())),
        "sorted values beside the frame's columns": lambda t: t.with_columns(x.sort().alias("sx"), i.sort_by("x").alias("si")),
    }


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_row_sets_give_polars_answer(cluster, mixed_frame, case):
    scans_like_polars(_cases, case, cluster, mixed_frame)


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
def test_row_sets_of_different_lengths_are_refused(cluster, mixed_frame, backend_name):
    from parity import backend_named
    t = pl.scan_parquet(mixed_frame, backend=backend_named(backend_name, cluster))
    for query in (lambda: t.select(pl.col("id").head(3), pl.col("x").head(4)),
                  lambda: t.select(pl.col("id").head(3), pl.col("x")),
                  lambda: t.with_columns(pl.col("id").head(3))):
        with pytest.raises(pl.PolaroidError) as e:
            query().collect()
        assert e.value.code in ("INVALID_PLAN", "NOT_SUPPORTED", "INVALID_ARGUMENT", "UNIMPLEMENTED"), e.value


def test_meta_reads_an_expression_as_polars_does():
    import io

    import polars
    for lib in (pl, polars):
        e = ((lib.col("a") + lib.col("b")) * lib.col("a")).alias("c")
        assert e.meta.output_name() == "c"
        assert e.meta.root_names() == ["a", "b", "a"]
        assert e.meta.undo_aliases().meta.eq((lib.col("a") + lib.col("b")) * lib.col("a"))
        assert lib.col("a").meta.is_column() and not lib.lit(1).meta.is_column()
        assert lib.Expr.deserialize(io.StringIO(e.meta.serialize(format="json")), format="json").meta.eq(e)
