"""Expr, str and dt names added for parity with Polars (compositions of the engine's functions), each
selected through Polars and through Polaroid on both backends: columns, types and values."""
import datetime as dt

import pytest

import polaroid as pl
from parity import backend_named, lazy_like_polars

BACKENDS = ["distributed", "portable"]
INF, NAN = float("inf"), float("nan")
NUMBERS = {"x": [1.0, 2.0, 3.0, None, 7.5, 0.0, -1.0], "y": [1.0000000001, INF, NAN, 1.0, -2.0, 0.0, -0.0],
           "i": [1, 2, 3, 4, None, -7, 0], "g": ["a", "a", "b", "b", None, "c", "c"]}


def _numbers(lib):
    x, y, i = lib.col("x"), lib.col("y"), lib.col("i")
    return [x.replace(2.0, 20.0), lib.col("g").replace({"a": "A", None: "N"}).alias("r"),
            i.cast(lib.Int32).replace([1, 2], [10, 20]).alias("i32"), x.is_close(y).alias("c"),
            x.is_close(y, abs_tol=0.5, nans_equal=True).alias("c2"), i.truncdiv(-2).alias("td"),
            (x * -1.37).truncate(1).alias("tr"), x.truncate().alias("t0"), i.fill_null(strategy="max").alias("fm"),
            i.fill_null(strategy="zero").alias("fz"), x.fill_nan(0.0).alias("fn"), x.set_sorted().alias("ss"),
            lib.arctan2("y", "x").alias("a2")]


def _aggregates(lib):
    x, y, i = lib.col("x"), lib.col("y"), lib.col("i")
    return [x.skew().alias("s"), x.skew(bias=False).alias("s2"), x.kurtosis().alias("k"),
            x.kurtosis(fisher=False, bias=False).alias("k2"), x.filter(x > 0).entropy(base=2).alias("e"),
            i.filter(i > 0).entropy(normalize=False).alias("e2"), y.nan_max().alias("nm"), x.nan_min().alias("nmi"),
            x.is_empty().alias("ie"), x.filter(x > 100).is_empty(ignore_nulls=True).alias("ie2"),
            lib.corr("x", "i").alias("corr"), lib.cov("x", "i").alias("cov"), lib.cov("x", "i", ddof=0).alias("cov0"),
            lib.fold(0.0, lambda a, b: a + b, ["x", "i"]).sum().alias("fold"),
            lib.reduce(lambda a, b: a * b, [x, "i"]).sum().alias("reduce")]


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_row_wise_compositions_like_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), NUMBERS, lambda l, f: f.select(_numbers(l)), what="rows")


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("index", range(len(_aggregates(pl))))
def test_aggregate_compositions_like_polars(cluster, backend_name, index):
    """One aggregation per query: the engine cuts a select of many of them into different stages on the
    coordinator and on the workers (an engine issue, reported)."""
    lazy_like_polars(backend_named(backend_name, cluster), NUMBERS, lambda l, f: f.select(_aggregates(l)[index]),
                     what=index)


WORDS = {"s": ["abcab", None, "a.b\\c", "pre_x_suf", "", "ab\x00ab", "x$y", "Ab.x_"]}


def _strings(lib):
    s = lib.col("s")
    return [s.str.strip_prefix("pre_").alias("sp"), s.str.strip_suffix("suf").alias("ss"),
            s.str.contains_any([".", "X_"], ascii_case_insensitive=True).alias("ca"),
            s.str.contains_any(["ab", "$"]).alias("ca2"), s.str.count_matches("ab").alias("cm"),
            s.str.count_matches("[ab]").alias("cr"), s.str.count_matches(".", literal=True).alias("cl"),
            s.str.extract(r"(a)(b)", 2).alias("ex"), s.str.extract(r"b.", 0).alias("e0"),
            s.str.escape_regex().alias("esc"), s.str.replace_all("b", r"\$$[$0]").alias("rp"),
            s.str.replace("(a)", r"<$1\1>").alias("rp1")]


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_string_compositions_like_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), WORDS, lambda l, f: f.select(_strings(l)), what="str")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_string_numbers_like_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), {"s": ["12", "-3", None, "0"]},
                     lambda l, f: f.select(l.col("s").str.to_integer().alias("i"),
                                           l.col("s").str.to_decimal(scale=2).alias("d")), what="to_integer")


def test_escape_regex_like_polars():
    import polars
    text = "a.b$#&-~ (x)[y]{z}^|*+?\\"
    assert pl.escape_regex(text) == polars.escape_regex(text)


DAYS = {"d": [dt.date(2024, 2, 29), dt.date(1969, 12, 31), None, dt.date(2000, 1, 31), dt.date(2021, 1, 3),
              dt.date(2020, 12, 31), dt.date(2026, 12, 31), dt.date(2019, 12, 30), dt.date(1900, 2, 3)],
        "t": [dt.datetime(2024, 2, 29, 13, 4, 5, 123456), dt.datetime(1969, 12, 31, 23, 59, 59, 999001), None,
              dt.datetime(2000, 1, 1), dt.datetime(2021, 1, 3, 1, 2, 3), dt.datetime(2021, 1, 31),
              dt.datetime(2021, 3, 31, 12), dt.datetime(2021, 1, 3), dt.datetime(1999, 12, 31, 23, 59)]}


def _dates(lib):
    d, t = lib.col("d"), lib.col("t")
    return [t.dt.date().alias("a"), t.dt.epoch("s").alias("es"), d.dt.epoch("d").alias("ed"), t.dt.epoch().alias("eu"),
            d.dt.timestamp("ms").alias("ts"), t.dt.millisecond().alias("ms"), t.dt.microsecond().alias("us"),
            t.dt.nanosecond().alias("ns"), d.dt.is_leap_year().alias("leap"), d.dt.days_in_month().alias("dim"),
            d.dt.century().alias("c"), d.dt.millennium().alias("mi"), d.dt.week().alias("w"),
            d.dt.iso_year().alias("iy"), t.dt.week().alias("tw"), d.dt.offset_by("1mo").alias("ob"),
            t.dt.offset_by("-1y2d3h").alias("ob2"), d.dt.offset_by("1q2w").alias("ob3"),
            t.dt.offset_by("1mo").alias("ob4"), d.dt.is_business_day(holidays=[dt.date(2000, 1, 31)]).alias("bd"),
            d.dt.is_business_day(week_mask=[True] * 6 + [False]).alias("bd6"),
            t.dt.strftime("%Y/%m/%d %H:%M:%S %j %% %y!").alias("sf"), d.dt.to_string("%F").alias("tf")]


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_date_compositions_like_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DAYS, lambda l, f: f.select(_dates(l)), what="dt")


def test_unsupported_options_say_so():
    with pytest.raises(ValueError, match="base 10"):
        pl.col("s").str.to_integer(base=16)
    with pytest.raises(ValueError, match="strftime"):
        pl.col("d").dt.strftime("%B")
    with pytest.raises(ValueError, match="duration"):
        pl.col("d").dt.offset_by("1x")
    with pytest.raises(ValueError, match="forward"):
        pl.col("d").fill_null(strategy="sideways")
    for name in ("rolling_map", "hist", "qcut"):
        with pytest.raises(AttributeError, match=name):
            getattr(pl.col("x"), name)
