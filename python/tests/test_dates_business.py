"""``dt.replace``, ``dt.add_business_days`` and ``pl.business_day_count`` checked against Polars on
both backends: fields replaced by ints and by columns (a null keeps the field), wall-clock fields of
zoned datetimes, rolls, week masks and holidays, counts in both directions, and the errors."""
import datetime as dt
import random

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named
from test_strings_more import like_polars

DAYS = [dt.date(2024, 1, 15), dt.date(2024, 2, 29), None, dt.date(2023, 3, 18), dt.date(2024, 1, 6),
        dt.date(2024, 12, 24), dt.date(1969, 12, 31), dt.date(2024, 1, 7)]
WALL = [dt.datetime(2024, 1, 31, 10, 20, 30, 123456), None, dt.datetime(2020, 3, 7, 2, 30),
        dt.datetime(2020, 10, 31, 1, 30), dt.datetime(2021, 1, 2, 3, 4), dt.datetime(1969, 12, 31, 23, 59, 59, 999999),
        dt.datetime(2024, 7, 6, 12), dt.datetime(2024, 2, 29, 0, 0, 1)]
HOLIDAYS = [dt.date(2024, 1, 16), dt.date(2024, 12, 25), dt.date(2024, 12, 26), dt.date(2024, 1, 6)]


def _data():
    return {"d": pa.array(DAYS, pa.date32()), "t": pa.array(WALL, pa.timestamp("us")),
            "e": pa.array([dt.date(2024, 3, 1), None, dt.date(2020, 1, 1), dt.date(2023, 3, 18), dt.date(2023, 12, 1),
                           dt.date(2025, 1, 2), dt.date(1970, 1, 12), dt.date(2024, 1, 1)], pa.date32()),
            "m": pa.array([2, None, 3, None, 1, 11, 6, 4], pa.int64()),
            "day": pa.array([28, 1, None, 29, 5, None, 30, 1], pa.int32()),
            "n": pa.array([1, -7, 3, None, 12, 0, -30, 250], pa.int64())}


def _cases(lib):
    d, t = lib.col("d"), lib.col("t")
    ny = t.dt.replace_time_zone("America/New_York", ambiguous="earliest")
    return {
        "replace date fields by ints and by columns (a null keeps the field); time fields leave a date": lambda f: f.select(
            d.dt.replace(year=2000).alias("y"), d.dt.replace(month="m", day=lib.col("day")).alias("md"),
            d.dt.replace(day=1, month=lib.lit(None, lib.Int32)).alias("first"), d.dt.replace(hour=3).alias("h"),
            d.dt.replace().alias("none"), d.dt.replace(year=lib.col("n") + 2000, day=2).alias("expr")),
        "replace datetime fields; microsecond replaces the whole fraction": lambda f: f.select(
            t.dt.replace(year=2020, microsecond=7).alias("a"), t.dt.replace(hour=lib.col("m"), minute=0).alias("h"),
            t.dt.replace(second=59, day="day").alias("s"), t.dt.cast_time_unit("ms").dt.replace(microsecond=1500).alias("ms"),
            t.dt.cast_time_unit("ns").dt.replace(minute=1).alias("ns")),
        "replace wall-clock fields of zoned datetimes, ambiguous earliest and latest": lambda f: f.select(
            ny.dt.replace(minute=5).alias("m5"), ny.dt.replace(hour=3).alias("h3"),
            ny.dt.replace(month=11, day=1, hour=1, ambiguous="earliest").alias("earliest"),
            ny.dt.replace(month=11, day=1, hour=1, ambiguous="latest").alias("latest")),
        "add business days with rolls, holidays and week masks": lambda f: f.select(
            d.dt.add_business_days("n", roll="forward").alias("fwd"),
            d.dt.add_business_days(lib.col("n"), roll="backward", holidays=HOLIDAYS).alias("back"),
            d.dt.add_business_days(-3, roll="forward", week_mask=[True] * 6 + [False]).alias("six"),
            d.dt.add_business_days(2, roll="backward", week_mask=[False, True] * 3 + [True], holidays=HOLIDAYS).alias("odd"),
            d.dt.add_business_days(0, roll="forward").alias("zero")),
        "add business days to datetimes keeps the time of day": lambda f: f.select(
            t.dt.add_business_days(5, roll="forward").alias("naive"),
            t.dt.replace_time_zone("Asia/Tokyo").dt.add_business_days(-4, roll="backward", holidays=HOLIDAYS).alias("tokyo")),
        "business_day_count both ways, with holidays, week masks and a literal start": lambda f: f.select(
            lib.business_day_count("d", "e").alias("c"), lib.business_day_count("e", "d").alias("back"),
            lib.business_day_count(d, lib.col("e"), holidays=HOLIDAYS).alias("h"),
            lib.business_day_count("d", "e", week_mask=[True] * 7).alias("all"),
            lib.business_day_count(dt.date(2024, 1, 1), "e", week_mask=[False, True] * 3 + [True]).alias("lit")),
    }


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_replace_and_business_days_like_polars(cluster, case):
    like_polars(cluster, _data(), lambda lib, f: _cases(lib)[case](f), case)


@pytest.mark.parametrize("seed", range(4))
def test_business_days_of_random_calendars_like_polars(cluster, seed):
    """Long jumps (whole weeks at a time) across many holidays, in random week masks, both ways."""
    rng, base = random.Random(seed), dt.date(2023, 1, 1)
    some_day = lambda: None if rng.random() < .05 else base + dt.timedelta(days=rng.randrange(800))  # noqa: E731
    mask = [rng.random() < .6 for _ in range(6)] + [True]
    holidays = [base + dt.timedelta(days=rng.randrange(900)) for _ in range(rng.randrange(80))]
    data = {"d": pa.array([some_day() for _ in range(80)], pa.date32()),
            "e": pa.array([some_day() for _ in range(80)], pa.date32()),
            "n": pa.array([rng.randrange(-400, 400) for _ in range(80)], pa.int64())}
    like_polars(cluster, data, lambda lib, f: f.select(
        lib.col("d").dt.add_business_days("n", week_mask=mask, holidays=holidays, roll="forward").alias("fwd"),
        lib.col("d").dt.add_business_days("n", week_mask=mask, holidays=holidays, roll="backward").alias("back"),
        lib.business_day_count("d", "e", week_mask=mask, holidays=holidays).alias("count")), "seed %d" % seed)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_bad_dates_fail_as_polars(cluster, backend):
    frame = pl.from_arrow(pa.table(_data()), backend=backend_named(backend, cluster))
    data = polars.from_arrow(pa.table(_data()))
    for build, problem in ((lambda lib: lib.col("d").dt.replace(month=2, day=30), r"Invalid date components \(2024, 2, 30\)"),
                           (lambda lib: lib.col("t").dt.replace(hour=24), "Invalid time components"),
                           (lambda lib: lib.col("t").dt.replace_time_zone("Europe/Paris", ambiguous="earliest")
                            .dt.replace(year=2024, month=3, day=31, hour=2), "non-existent"),
                           (lambda lib: lib.col("d").dt.add_business_days(1), "2023-03-18 is not a business date")):
        with pytest.raises(polars.exceptions.ComputeError, match=problem):
            data.select(build(polars))
        with pytest.raises(pl.PolaroidError, match=problem):
            frame.select(build(pl)).collect()
    with pytest.raises(pl.PolaroidError, match="add_business_days.*needs a date or datetime, not"):
        frame.select(pl.col("n").dt.add_business_days(1)).collect()
    with pytest.raises(pl.PolaroidError, match="needs n as an integer"):
        frame.select(pl.col("d").dt.add_business_days(pl.col("d"), roll="forward")).collect()


def test_options_are_checked_as_polars():
    with pytest.raises(ValueError, match="roll"):
        pl.col("d").dt.add_business_days(1, roll="sideways")
    with pytest.raises(ValueError, match="length 7"):
        pl.business_day_count("d", "e", week_mask=[True] * 6)
    with pytest.raises(ValueError, match="at least one business day"):
        pl.col("d").dt.add_business_days(1, week_mask=[False] * 7)
    with pytest.raises(ValueError, match="ambiguous"):
        pl.col("t").dt.replace(day=1, ambiguous="sometimes")


def test_series_dt_twins_as_polars():
    s, ps = pl.Series("d", DAYS), polars.Series("d", DAYS)
    assert s.dt.replace(day=3).to_list() == ps.dt.replace(day=3).to_list()
    assert s.dt.add_business_days(2, roll="forward").to_list() == ps.dt.add_business_days(2, roll="forward").to_list()
    assert s.dt.replace(year=2000, month=3).to_list() == ps.dt.replace(year=2000, month=3).to_list()
