"""Polars' Duration and Time types on both backends, checked against Polars: differences of dates
and datetimes, datetimes and dates moved by durations, durations scaled, divided, totalled,
aggregated, compared and cast; times of day made, taken from datetimes, combined with dates; a
zone's offsets."""
import datetime as dt

import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, lazy_like_polars

_N = 40


def _data():
    base = dt.datetime(2021, 3, 27, 22, 30)
    t1 = [None if i % 9 == 0 else base + dt.timedelta(hours=7 * i, microseconds=13 * i) for i in range(_N)]
    t2 = [base - dt.timedelta(days=i % 5, minutes=17 * i) for i in range(_N)]
    return {
        "k": pa.array(["k%d" % (i % 3) for i in range(_N)]),
        "i": pa.array([None if i % 8 == 0 else i - 20 for i in range(_N)], pa.int64()),
        "f": pa.array([(i - 20) / 4 for i in range(_N)], pa.float64()),
        "t1": pa.array(t1, pa.timestamp("us")),
        "t2": pa.array(t2, pa.timestamp("us")),
        "tn": pa.array(t2, pa.timestamp("ns")),
        "tz": pa.array(t2, pa.timestamp("us")).cast(pa.timestamp("us", "UTC")),
        "d1": pa.array([None if t is None else t.date() for t in t1], pa.date32()),
        "d2": pa.array([t.date() for t in t2], pa.date32()),
        "dur": pa.array([None if i % 7 == 0 else dt.timedelta(seconds=(i - 20) * 3_601, microseconds=(i * 37) % 1000)
                         for i in range(_N)], pa.duration("us")),
    }


def _cases():
    return {
        "differences of datetimes and dates": lambda lib, t: t.select(
            (lib.col("t1") - lib.col("t2")).alias("tt"), (lib.col("d1") - lib.col("d2")).alias("dd"),
            (lib.col("t1") - lib.col("d2")).alias("td"), (lib.col("tn") - lib.col("t1")).alias("nt"),
            (lib.col("tn") - lib.col("d1")).alias("nd")),
        "datetimes and dates moved by durations": lambda lib, t: t.select(
            (lib.col("t1") + lib.col("dur")).alias("a"), (lib.col("d1") + lib.col("dur")).alias("b"),
            (lib.col("d1") - lib.duration(hours=1)).alias("c"), (lib.col("t2") - lib.duration(days=1, hours=2)).alias("d"),
            (lib.col("tn") + lib.duration(nanoseconds=5)).cast(lib.Int64).alias("e"), (lib.col("t2") + dt.timedelta(minutes=90)).alias("g"),
            (lib.col("dur") + lib.col("t2")).alias("h"), (lib.col("d2") + dt.timedelta(days=3)).alias("j")),
        "durations scaled and divided": lambda lib, t: t.select(
            (lib.col("dur") * 2).alias("a"), (lib.col("dur") * 1.5).alias("b"), (lib.col("dur") / 3).alias("c"),
            (lib.col("dur") / 2.5).alias("d"), (lib.col("dur") / lib.duration(hours=1)).alias("e"),
            (3 * lib.col("dur")).alias("g"), (lib.col("dur") + lib.col("dur")).alias("h"),
            (lib.col("dur") * lib.col("i")).alias("j")),
        "totals of durations": lambda lib, t: t.select(
            *[getattr(lib.col("dur").dt, "total_" + u)().alias(u) for u in
              ("days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds")],
            *[getattr((lib.col("t1") - lib.col("t2")).dt, "total_" + u)(fractional=True).alias("f" + u) for u in
              ("days", "hours", "seconds", "microseconds")]),
        "aggregations of durations": lambda lib, t: t.group_by("k").agg(
            lib.col("dur").sum().alias("sum"), lib.col("dur").mean().alias("mean"), lib.col("dur").min().alias("min"),
            lib.col("dur").max().alias("max"), lib.col("dur").first().alias("first"),
            (lib.col("t1") - lib.col("t2")).max().alias("span")).sort("k"),
        "durations over the frame, compared and sorted": lambda lib, t: t.select(
            "i", "dur", lib.col("dur").sum().alias("total"), (lib.col("dur") > lib.duration(hours=1)).alias("long"),
            (lib.col("dur") == lib.col("dur").max()).alias("top")).filter(
            lib.col("dur") < lib.duration(days=1, minutes=1)).sort("dur", "i", nulls_last=True),
        "casts of durations": lambda lib, t: t.select(
            lib.col("dur").cast(lib.Int64).alias("a"), lib.col("dur").cast(lib.Duration("ms")).alias("b"),
            (lib.col("i") * 1000).cast(lib.Duration("ns")).alias("c"), lib.col("dur").cast(lib.Duration("ns")).alias("d")),
        "durations from parts": lambda lib, t: t.select(
            lib.duration(days="i", seconds=lib.col("f")).alias("a"), lib.duration(weeks=1, milliseconds=2.5).alias("b"),
            lib.duration(hours=lib.col("i"), time_unit="ms").alias("c"), lib.duration(minutes=-3, seconds=5).alias("d")),
        "times of day": lambda lib, t: t.select(
            lib.col("t1").dt.time().alias("a"), lib.col("tz").dt.time().alias("b"),
            lib.col("t1").dt.time().dt.hour().alias("h"), lib.col("t1").dt.time().dt.minute().alias("m"),
            lib.col("t1").dt.time().dt.second().alias("s"), lib.time(1, 2, 3).alias("lit"),
            lib.col("t1").dt.time().cast(lib.Int64).alias("ns"),
            (lib.col("t1").dt.time() > lib.time(12)).alias("pm"), lib.lit(dt.time(4, 5, 6, 7)).alias("py")),
        "times combined with dates and made from parts": lambda lib, t: t.select(
            lib.col("d1").dt.combine(dt.time(4, 5, 6)).alias("a"),
            lib.col("t2").dt.combine(lib.col("t1").dt.time()).alias("b"),
            lib.col("t2").dt.combine(dt.time(23, 59, 59, 999999), "ms").alias("c"),
            lib.time(lib.col("i").abs() % 24, minute=lib.col("i").abs() % 60, second=5).alias("e"),
            lib.col("t1").dt.time().sort().alias("sorted")),
    }


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(_cases()))
def test_durations_and_times_give_polars_answer(cluster, backend, case):
    lazy_like_polars(backend_named(backend, cluster), _data(), _cases()[case], what=case)


def test_a_zones_offsets(cluster):
    data = {"t": pa.array([dt.datetime(2020, 1, 1), dt.datetime(2020, 7, 1), None], pa.timestamp("us"))}
    for backend in ("distributed", "portable"):
        lazy_like_polars(backend_named(backend, cluster), data, lambda lib, t: t.select(
            lib.col("t").dt.replace_time_zone("Europe/London").dt.base_utc_offset().alias("b"),
            lib.col("t").dt.replace_time_zone("America/New_York").dt.dst_offset().alias("d")), what=backend)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_arithmetic_polars_refuses_is_refused(cluster, backend):
    frame = pl.from_arrow(pa.table(_data()), backend=backend_named(backend, cluster))
    for bad, words in ((pl.col("dur") * pl.col("dur"), r"\* not allowed on duration"),
                       (pl.col("t1") + pl.col("t2"), r"\+ not allowed on (datetime|timestamp)"),
                       (pl.col("i").dt.total_seconds(), "needs a duration")):
        with pytest.raises(pl.PolaroidError, match=words):
            frame.select(bad).collect()
