"""More of the ``dt`` namespace checked against Polars on both backends: round (truncate(x + every / 2)
with Polars' 28-day month), replace_time_zone (the wall time kept; ambiguous and non-existent wall times at
the DST changes), convert_time_zone (the instant kept), cast_time_unit (rounded down, the zone kept)."""
import datetime as dt

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from test_strings_more import like_polars

WALL = [dt.datetime(2024, 3, 31, 1, 30), dt.datetime(2024, 3, 31, 2, 30), dt.datetime(2024, 10, 27, 2, 30),
        dt.datetime(2024, 10, 27, 3, 0), None, dt.datetime(1969, 12, 31, 23, 59, 59, 999999),
        dt.datetime(2024, 1, 16, 12, 0), dt.datetime(2024, 2, 15, 11, 59, 59), dt.datetime(2024, 7, 1, 0, 30, 0, 1500)]
DAYS = [dt.date(2024, 1, 16), dt.date(2024, 1, 15), None, dt.date(2023, 7, 2), dt.date(2024, 2, 29), dt.date(1969, 12, 31)]


def _data():
    return {"t": pa.array(WALL, pa.timestamp("us")), "d": pa.array(DAYS + [None] * (len(WALL) - len(DAYS)), pa.date32())}


def _cases(lib):
    t, d = lib.col("t"), lib.col("d")
    paris = t.dt.replace_time_zone("Europe/Paris", ambiguous="earliest", non_existent="null")
    return {
        "round datetimes to hours, minutes, days, months and years": lambda f: f.select(
            *[t.dt.round(every).alias(every) for every in ("1h", "15m", "1s", "1d", "1mo", "1y", "1q")]),
        "round dates to months, weeks and years": lambda f: f.select(
            *[d.dt.round(every).alias(every) for every in ("1mo", "1y", "1d", "1w", "2w")]),
        "replace_time_zone: earliest, latest and null at the DST changes": lambda f: f.select(
            paris.alias("earliest"),
            t.dt.replace_time_zone("Europe/Paris", ambiguous="latest", non_existent="null").alias("latest"),
            t.dt.replace_time_zone("Europe/Paris", ambiguous="null", non_existent="null").alias("null"),
            t.dt.replace_time_zone("UTC").alias("utc"), t.dt.replace_time_zone(None).alias("naive")),
        "replace_time_zone back to naive and into another zone; parts in the zone": lambda f: f.select(
            paris.dt.replace_time_zone(None).alias("back"),
            paris.dt.replace_time_zone("America/New_York", ambiguous="latest", non_existent="null").alias("ny"),
            paris.dt.hour().cast(lib.Int8).alias("h"), paris.dt.day().cast(lib.Int8).alias("day")),
        "convert_time_zone keeps the instant; a naive datetime is UTC": lambda f: f.select(
            paris.dt.convert_time_zone("Asia/Kolkata").alias("kolkata"),
            paris.dt.convert_time_zone("Asia/Kolkata").dt.hour().cast(lib.Int8).alias("h"),
            t.dt.convert_time_zone("America/New_York").alias("ny"),
            paris.dt.convert_time_zone("UTC").dt.replace_time_zone(None).alias("utc_wall")),
        "cast_time_unit rounds down and keeps the zone": lambda f: f.select(
            t.dt.cast_time_unit("ms").alias("ms"), t.dt.cast_time_unit("ns").alias("ns"),
            paris.dt.cast_time_unit("ms").alias("paris_ms"),
            t.dt.cast_time_unit("ns").dt.cast_time_unit("us").alias("back")),
    }


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_dates_like_polars(cluster, case):
    like_polars(cluster, _data(), lambda lib, f: _cases(lib)[case](f), case)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_ambiguous_and_non_existent_wall_times_fail_by_default(cluster, backend):
    chosen = pl.DistributedBackend(cluster.url) if backend == "distributed" else pl.PortableBackend()
    for wall, problem in ((dt.datetime(2024, 10, 27, 2, 30), "ambiguous"), (dt.datetime(2024, 3, 31, 2, 30), "non-existent")):
        frame = pl.from_arrow(pa.table({"t": pa.array([wall], pa.timestamp("us"))}), backend=chosen)
        with pytest.raises(pl.PolaroidError, match=problem):
            frame.select(pl.col("t").dt.replace_time_zone("Europe/Paris")).collect()
        with pytest.raises(polars.exceptions.ComputeError, match=problem):
            polars.DataFrame({"t": [wall]}).select(polars.col("t").dt.replace_time_zone("Europe/Paris"))


def test_series_dt_namespace_as_polars():
    s, ps = pl.Series("t", WALL[:1] + WALL[4:]), polars.Series("t", WALL[:1] + WALL[4:])
    assert s.dt.round("1h").to_list() == ps.dt.round("1h").to_list()
    assert s.dt.cast_time_unit("ms").to_list() == ps.dt.cast_time_unit("ms").to_list()
    assert s.dt.replace_time_zone("Asia/Tokyo").to_list() == ps.dt.replace_time_zone("Asia/Tokyo").to_list()
    assert s.dt.convert_time_zone("Asia/Tokyo").to_list() == ps.dt.convert_time_zone("Asia/Tokyo").to_list()


def test_unknown_zones_and_units_are_named():
    with pytest.raises(ValueError, match="time_unit"):
        pl.col("t").dt.cast_time_unit("s")
    frame = pl.from_arrow(pa.table({"t": pa.array([WALL[0]], pa.timestamp("us"))}), backend=pl.PortableBackend())
    with pytest.raises(Exception, match="Mars/Olympus"):
        frame.select(pl.col("t").dt.replace_time_zone("Mars/Olympus")).collect()
