"""Quantiles with every Polars interpolation method, and medians, over the frame, per group, in a row
context and as a frame's shorthand: checked against Polars on both backends (the portable backend
computes them exactly from pyarrow's lists of each group's values)."""
import polars
import pytest

import polaroid as pl
from parity import same_table, scans_like_polars


METHODS = ("nearest", "lower", "higher", "midpoint", "linear", "equiprobable")


def _cases(lib):
    x, f = lib.col("x"), lib.col("f")
    return {
        "every method over the frame": lambda t: t.select(
            *[x.quantile(q, m).alias("%s_%s" % (m, q)) for m in METHODS for q in (0.0, 0.1, 0.33, 0.5, 0.9, 1.0)]),
        "per group, with medians": lambda t: t.group_by("k").agg(
            x.quantile(0.25).alias("q"), f.quantile(0.7, "linear").alias("fq"), x.median().alias("m"),
            (x * 2).quantile(0.5, "midpoint").alias("twice")).sort("k", nulls_last=True),
        "min and max skip NaN, as Polars": lambda t: t.group_by("k").agg(
            f.min().alias("mn"), f.max().alias("mx"), f.filter(f.is_nan() | f.is_null()).max().alias("only_nan"))
        .sort("k", nulls_last=True),
        "in a row context": lambda t: t.filter(x > x.quantile(0.75, "lower")).select("id", "x"),
        "the frame's and the group's shorthands": lambda t: lib.concat([
            t.select("x", "f").quantile(0.4, "higher"),
            t.select("k", "x", "f").group_by("k").quantile(0.6).sort("k", nulls_last=True).drop("k")]),
    }


def _described(lib):
    return {
        "describe": lambda t: t.select("x", "f", "k").describe(),
        "describe with other percentiles": lambda t: t.select("id", "x").describe([0.1, 0.9], interpolation="linear"),
    }


@pytest.mark.parametrize("case", list(_described(pl)))
def test_describe_gives_polars_answer(cluster, mixed_frame, case):
    expected = _described(polars)[case](polars.scan_parquet(mixed_frame)).to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _described(pl)[case](pl.scan_parquet(mixed_frame, backend=backend)).to_arrow()
        same_table(actual, expected, "%s on %s" % (case, backend))


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_quantiles_give_polars_answer(cluster, mixed_frame, case):
    scans_like_polars(_cases, case, cluster, mixed_frame)


def test_a_quantile_outside_0_and_1_or_an_unknown_method_says_so(cluster, mixed_frame):
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        with pytest.raises(pl.PolaroidError, match="between 0 and 1"):
            pl.scan_parquet(mixed_frame, backend=backend).select(pl.col("x").quantile(1.5)).collect()
        with pytest.raises(pl.PolaroidError, match="'nearest', 'lower'"):
            pl.scan_parquet(mixed_frame, backend=backend).select(pl.col("x").quantile(0.5, "cubic")).collect()
