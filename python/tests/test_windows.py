"""Polars' order-dependent expressions (rank, cum_*, shift, diff, pct_change, is_first/last_distinct,
int_range, with_row_index) over the frame and inside ``over(partition_by, order_by=...)``, checked
against Polars on both backends: values, row order and dtypes (Polars' u32 ranks and counts are
Int64 in Polaroid)."""
import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from parity import same_table, scans_like_polars


def _cases(lib):
    x, f, k = lib.col("x"), lib.col("f"), lib.col("k")
    return {
        "ranks by every method over groups": lambda t: t.select(
            "id", x.rank().over("k").alias("avg"), x.rank("min").over("k").alias("min"),
            x.rank("max", descending=True).over("k").alias("max"), x.rank("dense").over("k").alias("dense"),
            x.rank("ordinal").over("k").alias("ord"), f.rank().alias("frank"), k.rank("dense").alias("krank")),
        "running functions forwards and back": lambda t: t.select(
            "id", x.cum_sum().over("k").alias("cs"), x.cum_sum(reverse=True).alias("csr"),
            x.cum_count().over("k").alias("cc"), f.cum_max().over("k").alias("fmax"), f.cum_min().alias("fmin"),
            x.cum_prod().over("id").alias("cp"), lib.col("d").cum_max().over("k").alias("dmax"),
            f.cum_sum().over("k").alias("fsum")),
        "shift, diff and pct_change": lambda t: t.select(
            "id", x.shift().over("k").alias("lag"), k.shift(-2, fill_value="none").alias("lead"),
            x.diff().over("k").alias("d"), x.diff(3).alias("d3"), f.pct_change().over("k").alias("pc"),
            x.shift(2, fill_value=-1).over("k").alias("filled")),
        "row numbers and first and last distinct": lambda t: t.select(
            "id", lib.int_range(lib.len()).over("k").alias("rn"), lib.int_range(lib.len()).alias("all"),
            x.is_first_distinct().over("k").alias("fd"), x.is_last_distinct().alias("ld")),
        "a window's own order": lambda t: t.select(
            "id", x.cum_sum().over("k", order_by="id").alias("by_id"),
            x.shift().over(order_by=lib.col("f"), descending=True, nulls_last=True).alias("by_f"),
            lib.col("id").rank("ordinal").over(order_by="x").alias("r")),
        "an aggregate inside a running function": lambda t: t.with_columns(
            (x - x.mean()).cum_sum().over("k").alias("dev"), (x * 2).shift().alias("twice_lag")),
        "fills, reverse and runs": lambda t: t.select(
            "id", x.forward_fill().over("k").alias("ff"), x.backward_fill(limit=1).alias("bf"),
            x.fill_null(strategy="forward", limit=2).alias("f2"), k.reverse().over("k").alias("rev"),
            (x > 8).rle_id().alias("runs"), lib.col("d").forward_fill().alias("dff")),
        "rolling windows": lambda t: t.select(
            "id", x.rolling_sum(3).over("k").alias("s"), x.rolling_sum(4, min_samples=1, center=True).alias("sc"),
            f.rolling_mean(2).alias("m"), x.rolling_min(3, min_samples=2).over("k").alias("mn"),
            lib.col("d").rolling_max(2).alias("dmax"), x.rolling_std(4, min_samples=2).alias("sd"),
            f.rolling_var(3, min_samples=1, ddof=0).over("k").alias("v")),
        "rolling medians and quantiles, interpolation": lambda t: t.select(
            "id", x.rolling_median(3, min_samples=1).over("k").alias("rm"),
            f.rolling_quantile(0.25, "linear", 4, min_samples=2, center=True).alias("rq"),
            x.rolling_quantile(0.9, window_size=3).alias("rq9"), x.interpolate().over("k").alias("ix"),
            f.interpolate().alias("if")),
        "module shorthands": lambda t: t.select(
            lib.row_index("i"), lib.cum_sum("x"), lib.cum_count("f").alias("cf"),
            lib.quantile("x", 0.5).alias("q"), lib.approx_n_unique("k").alias("u")),
        "with_row_index": lambda t: t.with_row_index("i", offset=5).select("i", "id", "k"),
        "the frame's tail, last row, shift and reverse": lambda t: lib.concat([
            t.select("id", "x").tail(7), t.select("id", "x").last(), t.select("id", "x").shift(2, fill_value=0).head(4),
            t.select("id", "x").reverse().head(3)]),
        "the first and last rows of each group": lambda t: lib.concat([
            t.select("k", "id", "x").group_by("k", maintain_order=True).head(2),
            t.select("k", "id").group_by("k", maintain_order=True).tail(1).with_columns(lib.lit(None, lib.Int64).alias("x"))]),
        "a running sum in a filter": lambda t: t.filter(x.cum_sum().over("k") > 20).select("id", "x"),
        "order-dependent functions in agg give each group its list": lambda t: t.group_by("k").agg(
            x.cum_sum().alias("cs"), x.rank("dense").alias("r"), (x - x.mean()).shift().alias("lag"),
            lib.col("id").reverse().alias("rev"), x.sum().alias("total")).sort("k", nulls_last=True),
    }


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_order_dependent_functions_give_polars_answer(cluster, mixed_frame, case):
    scans_like_polars(_cases, case, cluster, mixed_frame)


def test_an_eager_frame_numbers_its_rows():
    df = pl.from_dict({"a": [3, 1, 2]})
    assert df.with_row_index().to_dict(as_series=False) == {"index": [0, 1, 2], "a": [3, 1, 2]}


def test_forms_polaroid_does_not_have_say_so():
    with pytest.raises(ValueError, match="int_range"):
        pl.int_range(0, 10)
    with pytest.raises(ValueError, match="random"):
        pl.col("a").rank("random")
    with pytest.raises(ValueError, match="partition_by or order_by"):
        pl.col("a").sum().over()


@pytest.fixture(scope="module")
def moments(tpch):
    """Dates and timestamps on both sides of the epoch, month ends, leap days and nulls."""
    import datetime as dt
    path = tpch[0] / "windows" / "moments.parquet"
    path.parent.mkdir(exist_ok=True)
    days = [dt.date(2024, 2, 29), dt.date(1969, 12, 31), dt.date(2023, 11, 15), None, dt.date(2024, 1, 1),
            dt.date(1900, 3, 1), dt.date(2100, 12, 31)]
    times = [dt.datetime(2024, 2, 29, 13, 47, 31, 123456), dt.datetime(1969, 12, 31, 23, 59, 59),
             dt.datetime(2023, 11, 15, 0, 0, 1), None, dt.datetime(2024, 1, 1), dt.datetime(1960, 5, 17, 6, 7, 8),
             dt.datetime(2031, 7, 31, 23, 0)]
    pq.write_table(pa.table({"d": pa.array(days, pa.date32()), "t": pa.array(times, pa.timestamp("us"))}), path)
    return str(path)


@pytest.mark.parametrize("every", ["1y", "1q", "1mo", "3mo", "1w", "2w", "1d", "2d", "1h", "15m", "1s", "250ms"])
def test_calendar_windows_give_polars_answer(cluster, moments, every):
    def query(lib, t):
        return t.select(lib.col("d").dt.truncate(every).alias("d"), lib.col("t").dt.truncate(every).alias("t"),
                        lib.col("d").dt.month_start().alias("ms"), lib.col("t").dt.month_end().alias("me"))
    expected = query(polars, polars.scan_parquet(moments)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        same_table(query(pl, pl.scan_parquet(moments, backend=backend)).collect().to_arrow(), expected,
                   "truncate %s on %s" % (every, backend))
