"""More of Polars' order-dependent expressions: ewm_mean/std/var/sum, rolling_*_by over a period of
an integer, date or datetime column, interpolate_by and peak_max/peak_min, over the frame and inside
``over(partition_by, order_by=...)``, checked against Polars on both backends (values, row order,
dtypes), with nulls, NaN, ties in ``by`` and groups."""
import datetime as dt
import math

import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from parity import close, same_table


def like_polars(actual: pa.Table, expected: pa.Table, what):
    """``same_table``, except that Float32 columns agree to Float32's precision: Polaroid computes them
    in float64 and rounds the result, Polars in float32 all along (they differ in the last bit)."""
    singles = [n for n in expected.column_names if expected.schema.field(n).type == pa.float32()]
    same_table(actual.drop_columns(singles), expected.drop_columns(singles), what)
    for n in singles:
        assert actual.schema.field(n).type == pa.float32(), (what, n, actual.schema.field(n).type)
        for a, e in zip(actual.column(n).to_pylist(), expected.column(n).to_pylist()):
            assert close(a, e) or (None not in (a, e) and math.isclose(a, e, rel_tol=1e-6)), (what, n, a, e)


@pytest.fixture(scope="module")
def frame(tpch):
    """Keys with nulls, values with nulls, NaN and ties; an integer ``t`` with ties and nulls, a
    ``u`` with neither, a date and a datetime with ties, in a row order that is not sorted."""
    path = tpch[0] / "windows_more" / "frame.parquet"
    path.parent.mkdir(exist_ok=True)
    n = 120
    start = dt.datetime(2024, 3, 1)
    pq.write_table(pa.table({
        "id": pa.array([(i * 37) % n for i in range(n)], pa.int64()),
        "k": pa.array([None if i % 11 == 0 else "k%d" % (i % 4) for i in range(n)], pa.string()),
        "x": pa.array([None if i % 7 == 0 else (i * 13) % 17 for i in range(n)], pa.int64()),
        "f": pa.array([None if i % 9 == 0 else math.nan if i % 10 == 0 else ((i * 7) % 23) / 4 for i in range(n)],
                      pa.float64()),
        "g": pa.array([None if i % 8 == 0 else ((i * 5) % 19) / 2 for i in range(n)], pa.float32()),
        "i32": pa.array([None if i % 6 == 0 else (i * 3) % 11 for i in range(n)], pa.int32()),
        "t": pa.array([None if i % 13 == 5 else (i * 7) % 40 for i in range(n)], pa.int64()),
        "u": pa.array([(i * 53) % n for i in range(n)], pa.int64()),
        "d": pa.array([dt.date(2024, 1, 1) + dt.timedelta(days=(i * 3) % 30) for i in range(n)], pa.date32()),
        "ts": pa.array([start + dt.timedelta(minutes=37 * ((i * 11) % 50)) for i in range(n)], pa.timestamp("us")),
    }), path)
    return str(path)


def _cases(lib):
    x, f, g, k = lib.col("x"), lib.col("f"), lib.col("g"), lib.col("k")
    return {
        "ewm means": lambda t: t.select(
            "id", x.ewm_mean(alpha=0.3).alias("a"), f.ewm_mean(com=2, adjust=False).alias("b"),
            x.ewm_mean(span=4, ignore_nulls=True, min_samples=3).over("k").alias("c"),
            g.ewm_mean(half_life=2).alias("g32"), f.ewm_mean(alpha=0.5, ignore_nulls=True, adjust=False).over("k").alias("e")),
        "ewm std and var": lambda t: t.select(
            "id", x.ewm_std(alpha=0.3).alias("s"), x.ewm_var(span=3, bias=True).over("k").alias("vb"),
            x.ewm_var(com=1, adjust=False).alias("va"), lib.col("i32").ewm_std(alpha=0.6, ignore_nulls=True).alias("si"),
            x.ewm_std(alpha=0.2, adjust=False, bias=True, min_samples=2, ignore_nulls=True).over("k").alias("sb"),
            f.ewm_var(alpha=0.4).alias("fv")),
        "ewm sums in a window's own order": lambda t: t.select(
            "id", x.ewm_sum(alpha=0.4).alias("s"), x.ewm_sum(alpha=0.5, ignore_nulls=True).over("k", order_by="id").alias("o"),
            g.ewm_sum(com=3, min_samples=2).alias("g32"), x.ewm_mean(alpha=0.3).over(order_by="u").alias("m")),
        "rolling by integers": lambda t: t.select(
            "id", x.rolling_sum_by("t", "3i").alias("s"), x.rolling_mean_by("t", "5i", closed="both").over("k").alias("m"),
            x.rolling_min_by("t", "4i").alias("mn"), f.rolling_max_by("t", "4i", closed="left").alias("fmx"),
            x.rolling_std_by("t", "6i", min_samples=2).alias("sd"), f.rolling_var_by("u", "9i", ddof=0).alias("v"),
            x.rolling_median_by("u", "10i").over("k").alias("md"),
            x.rolling_quantile_by("t", "8i", quantile=0.3, interpolation="linear").alias("q"),
            lib.col("i32").rolling_sum_by("u", "7i", closed="none").alias("s32"),
            g.rolling_mean_by("t", "5i").alias("g32")),
        "rolling by dates and datetimes": lambda t: t.select(
            "id", x.rolling_sum_by("d", "2d").alias("s"), x.rolling_sum_by("d", "36h", min_samples=3).over("k").alias("s3"),
            f.rolling_mean_by("d", "1w", closed="both").alias("m"), x.rolling_max_by("ts", "3h").alias("mx"),
            x.rolling_min_by(lib.col("ts"), dt.timedelta(hours=2), closed="none").over("k").alias("mn"),
            lib.col("d").rolling_max_by("ts", "5h").alias("dmax"), f.rolling_std_by("ts", "2h30m").alias("sd"),
            x.rolling_quantile_by("d", "4d", quantile=0.75).alias("q")),
        "ewm means by time": lambda t: t.select(
            "id", x.ewm_mean_by("t", half_life="3i").alias("t"), f.ewm_mean_by("d", half_life="2d").over("k").alias("d"),
            g.ewm_mean_by("ts", half_life="90m").alias("g32"), x.ewm_mean_by("u", half_life="1d").alias("u"),
            x.ewm_mean_by(lib.col("ts"), half_life=dt.timedelta(hours=2)).over("k", order_by="id").alias("o")),
        "interpolate by": lambda t: t.select(
            "id", x.interpolate_by("u").alias("i"), f.interpolate_by("u").over("k").alias("fi"),
            g.interpolate_by("d").alias("g32"), x.interpolate_by(lib.col("u")).over(order_by="id").alias("o")),
        "in group_by().agg(), each group's list": lambda t: t.group_by("k").agg(
            x.rolling_sum_by("t", "4i").alias("s"), x.rolling_max_by("ts", "3h").alias("mx"), x.peak_min().alias("p"),
            x.interpolate_by("u").alias("i"), x.ewm_mean_by("d", half_life="3d").alias("eb")).sort("k", nulls_last=True),
        "peaks": lambda t: t.select(
            "id", x.peak_max().alias("pmax"), x.peak_min().over("k").alias("pmin"), f.peak_max().over("k").alias("fmax"),
            f.peak_min().alias("fmin"), x.peak_max().over(order_by="u").alias("ou")),
    }


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_more_order_dependent_functions_give_polars_answer(cluster, frame, case):
    expected = _cases(polars)[case](polars.scan_parquet(frame)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _cases(pl)[case](pl.scan_parquet(frame, backend=backend)).collect().to_arrow()
        like_polars(actual, expected, "%s on %s" % (case, backend))


@pytest.mark.parametrize("values", [[1, 3, 2], [5], [None, 1, 2], [2.0, math.nan, 1.0, None, 4.0, 4.0], [3, 3, 3]])
def test_series_methods_give_polars_answer(values):
    a, b = pl.Series("a", values), polars.Series("a", values)
    by = list(range(len(values)))[::-1]
    for name, call in {
        "ewm_mean": lambda s: s.ewm_mean(alpha=0.5), "ewm_std": lambda s: s.ewm_std(com=1),
        "ewm_var": lambda s: s.ewm_var(span=2, adjust=False), "ewm_sum": lambda s: s.ewm_sum(alpha=0.25),
        "peak_max": lambda s: s.peak_max(), "peak_min": lambda s: s.peak_min(),
        "rolling_sum_by": lambda s: s.rolling_sum_by(type(s)("by", by), "2i"),
        "rolling_mean_by": lambda s: s.rolling_mean_by(type(s)("by", by), "3i", closed="both"),
        "interpolate_by": lambda s: s.interpolate_by(type(s)("by", by)),
        "ewm_mean_by": lambda s: s.ewm_mean_by(type(s)("by", by), half_life="2i"),
    }.items():
        got, want = call(a), call(b)
        same_table(pa.table({"a": got.to_arrow()}), pa.table({"a": want.to_arrow()}), (name, values))


def test_forms_polaroid_does_not_have_say_so(cluster, frame):
    with pytest.raises(ValueError, match="mutually exclusive"):
        pl.col("x").ewm_mean(alpha=0.5, span=3)
    with pytest.raises(ValueError, match="must be set"):
        pl.col("x").ewm_std()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        t = pl.scan_parquet(frame, backend=backend)
        with pytest.raises(pl.PolaroidError, match="calendar months"):
            t.select(pl.col("x").rolling_sum_by("d", "1mo")).collect()
        with pytest.raises(pl.PolaroidError, match="'i'"):
            t.select(pl.col("x").rolling_sum_by("t", "2d")).collect()
        with pytest.raises(pl.PolaroidError, match="null values in `by`"):
            t.select(pl.col("x").interpolate_by("t")).collect()
