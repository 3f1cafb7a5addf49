"""More of the ``str`` namespace checked against Polars on both backends: find, len_bytes, join (an
aggregation), to_titlecase, normalize, replace_many, extract_many, find_many, extract_all and strptime /
to_datetime / to_date with chrono formats, over Unicode text, empty strings and nulls. Polars' u32
results (find, len_bytes) are Int32 in Polaroid, as len_chars."""
import datetime as dt
import math

import polars
import pyarrow as pa
import pytest

import polaroid as pl

TEXT = ["hello world", "ΟΔΟΣ aΣb ΣΑ Σ", None, "", "ß ǆemal x_y2z o'neil", "École élève 😀 naïve", "abcd xbcdx ABCD",
        "a\u0301b c", "tab\tSEP  two", "2nd 3RD 4th ŉa ﬁne"]
DATES = ["2024-01-02 03:04:05.123456", "2024-02-29 23:59:59", None, "1999-12-31 00:00:00.5", "2024-1-2 3:4:5",
         "2023-02-29 10:00:00", "nonsense", " 2024-03-01 12:00:00"]


def _type(t):
    if pa.types.is_unsigned_integer(t):
        return pa.int64()  # Polaroid has no unsigned integers: a UInt32 count is Int64, as in parity.logical
    if t in (pa.string(), pa.large_string(), pa.string_view()):
        return pa.string()
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return pa.list_(_type(t.value_type))
    return t


def _same_value(e, a):
    if isinstance(e, float) and isinstance(a, float):
        return (math.isnan(e) and math.isnan(a)) or math.isclose(a, e, rel_tol=1e-9)
    return a == e


def same(expected: pa.Table, actual: pa.Table, case):
    assert actual.column_names == expected.column_names, case
    assert actual.num_rows == expected.num_rows, (case, actual, expected)
    for name in expected.column_names:
        e_type, a_type = expected.schema.field(name).type, actual.schema.field(name).type
        assert _type(a_type) == _type(e_type), (case, name, e_type, a_type)
        for row, (e, a) in enumerate(zip(expected.column(name).to_pylist(), actual.column(name).to_pylist())):
            assert _same_value(e, a), (case, name, row, e, a)


def like_polars(cluster, data: dict, build, case):
    table = pa.table(data)
    expected = build(polars, polars.from_arrow(table).lazy()).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = build(pl, pl.from_arrow(table, backend=backend)).collect().to_arrow()
        same(expected, actual, "%s on %s" % (case, backend))


def _cases(lib):
    s = lib.col("s")
    return {
        "find: a regex, a literal with metacharacters, no match, an empty pattern": lambda t: t.select(
            s.str.find("o").alias("o"), s.str.find(r"[A-Z]\w").alias("re"), s.str.find("x_y", literal=True).alias("lit"),
            s.str.find(".", literal=True).alias("dot"), s.str.find("zzz").alias("none"), s.str.find("").alias("empty"),
            s.str.find("😀").alias("emoji")),
        "len_bytes of 1, 2, 3 and 4 byte characters": lambda t: t.select(s.str.len_bytes(), s.str.len_chars().alias("c")),
        "to_titlecase: boundaries, final sigma, ß and ǆ": lambda t: t.select(s.str.to_titlecase()),
        "normalize in the four forms": lambda t: t.select(
            *[s.str.normalize(f).str.len_bytes().alias(f) for f in ("NFC", "NFKC", "NFD", "NFKD")],
            s.str.normalize("NFD").alias("nfd"), s.str.normalize("NFKC").alias("nfkc")),
        "replace_many: first end wins, leftmost, a mapping, one replacement, case": lambda t: t.select(
            s.str.replace_many(["abcd", "b"], ["1", "2"]).alias("standard"),
            s.str.replace_many(["abcd", "b"], ["1", "2"], leftmost=True).alias("leftmost"),
            s.str.replace_many(["bcd", "cd"], ["<", ">"]).alias("same_end"),
            s.str.replace_many({"o": "0", "l": "1", "é": "e"}).alias("map"),
            s.str.replace_many(["a", "e", "ο"], ["_"]).alias("one"),
            s.str.replace_many(["b", "Σ"], ["Z", "s"], ascii_case_insensitive=True).alias("ci")),
        "extract_many": lambda t: t.select(
            s.str.extract_many(["abcd", "b", "c"]).alias("m"),
            s.str.extract_many(["ABC", "l"], ascii_case_insensitive=True).alias("ci"),
            s.str.extract_many(["b", "abcd"], leftmost=True).alias("left")),
        "find_many gives UTF-8 byte offsets": lambda t: t.select(
            s.str.find_many(["bcd", "b", "è", "😀"]).alias("m"),
            s.str.find_many(["ABC", "l"], ascii_case_insensitive=True).alias("ci"),
            s.str.find_many(["b", "abcd"], leftmost=True).alias("left")),
        "extract_all: words, digits, none": lambda t: t.select(
            s.str.extract_all("[a-zA-Z]+").alias("words"), s.str.extract_all(r"\d").alias("digits"),
            s.str.extract_all("[A-Z]{2,}").alias("caps")),
        "join is an aggregation, with and without nulls": lambda t: t.select(
            s.str.join("|").alias("all"), s.str.join().alias("plain"), s.str.join("-", ignore_nulls=False).alias("nulls")),
        "join in group_by().agg()": lambda t: t.with_columns((s.str.len_chars().fill_null(0) % 3).cast(lib.Int64).alias("k"))
        .group_by("k").agg(s.str.join(", ").alias("j"), s.str.join(ignore_nulls=False).alias("n")).sort("k"),
    }


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_strings_like_polars(cluster, case):
    like_polars(cluster, {"s": pa.array(TEXT, pa.string())}, lambda lib, t: _cases(lib)[case](t), case)


def _parsing(lib):
    d = lib.col("d")
    return {
        "to_datetime with %.f, not strict": lambda t: t.select(
            d.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False).alias("us"),
            d.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_unit="ns").alias("ns"),
            d.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_unit="ms").alias("ms")),
        "strptime to Datetime and Date, and exact=False": lambda t: t.select(
            d.str.strptime(lib.Datetime, "%Y-%m-%d %H:%M:%S%.f", strict=False).alias("dt"),
            d.str.strptime(lib.Date, "%Y-%m-%d %H:%M:%S%.f", strict=False).alias("date"),
            d.str.to_date("%Y-%m-%d", strict=False, exact=False).alias("inexact")),
        "to_datetime in a time zone": lambda t: t.select(
            d.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_zone="Europe/Paris").alias("paris"),
            d.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_zone="America/New_York",
                              time_unit="ms").alias("ny")),
    }


@pytest.mark.parametrize("case", list(_parsing(pl)))
def test_parsing_like_polars(cluster, case):
    like_polars(cluster, {"d": pa.array(DATES, pa.string())}, lambda lib, t: _parsing(lib)[case](t), case)


FORMATS = {
    "%d/%m/%Y %I:%M %p": ["02/01/2024 03:04 PM", "31/12/1999 12:00 am", None, "1/2/2024 1:05 pm"],
    "%d %b %Y": ["1 Jan 2024", "3 FEB 2024", "29 Sep 2023", None],
    "%A %d %B %Y": ["Monday 1 January 2024", "sat 3 FEB 2024", "Friday 29 September 2023", None],
    "%y%m%d %H%M%S": ["240102 030405", "991231 235959", "000101 000000", None],
    "%Y-%m-%dT%H:%M:%S%z": ["2024-01-02T03:04:05+0100", "2024-07-01T00:00:00-05:30", "2024-01-02T03:04:05+00:00", None],
    "%F %T%.3f": ["2024-01-02 03:04:05.123", "2024-01-02 03:04:05", None, "2024-01-02 03:04:05.999"],
    "%Y-%j": ["2024-060", "2023-365", "2024-1", None],
    "%s": ["0", "1700000000", " 86400", None],
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_formats_like_polars(cluster, fmt):
    like_polars(cluster, {"d": pa.array(FORMATS[fmt], pa.string())},
                lambda lib, t: t.select(lib.col("d").str.to_datetime(fmt).alias("dt"),
                                        *([] if fmt == "%s" else [lib.col("d").str.to_date(fmt).alias("date")])), fmt)


def test_inferred_iso_formats_like_polars(cluster):
    values = ["2024-01-02T03:04:05", "2024-01-02 03:04:05.250", "2024-01-02 03:04", None]
    like_polars(cluster, {"d": pa.array(values, pa.string())},
                lambda lib, t: t.select(lib.col("d").str.to_datetime()), "inferred datetime")
    like_polars(cluster, {"d": pa.array(["2024-01-02", "1999-12-31", None], pa.string())},
                lambda lib, t: t.select(lib.col("d").str.to_date("%Y-%m-%d"), lib.col("d").str.to_datetime().alias("t")),
                "inferred date")


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_strict_parse_fails_naming_the_value(cluster, backend):
    chosen = pl.DistributedBackend(cluster.url) if backend == "distributed" else pl.PortableBackend()
    frame = pl.from_arrow(pa.table({"d": ["2024-01-02", "2024-13-01"]}), backend=chosen)
    with pytest.raises(pl.PolaroidError, match="2024-13-01"):
        frame.select(pl.col("d").str.to_date("%Y-%m-%d")).collect()
    with pytest.raises(polars.exceptions.InvalidOperationError):
        polars.DataFrame({"d": ["2024-01-02", "2024-13-01"]}).select(polars.col("d").str.to_date("%Y-%m-%d"))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_wall_time_the_zone_skips_fails_when_parsed(cluster, backend):
    chosen = pl.DistributedBackend(cluster.url) if backend == "distributed" else pl.PortableBackend()
    frame = pl.from_arrow(pa.table({"d": ["2024-03-31 02:30:00"]}), backend=chosen)
    with pytest.raises(pl.PolaroidError, match="non-existent"):
        frame.select(pl.col("d").str.to_datetime("%Y-%m-%d %H:%M:%S", time_zone="Europe/Paris")).collect()


def test_series_str_namespace_as_polars():
    values = ["Hello wORLD", None, "ǆ x", "abcabc"]
    s, ps = pl.Series("a", values), polars.Series("a", values)
    assert s.str.to_titlecase().to_list() == ps.str.to_titlecase().to_list()
    assert s.str.find("b").to_list() == ps.str.find("b").to_list()
    assert s.str.len_bytes().to_list() == ps.str.len_bytes().to_list()
    assert s.str.join("/").to_list() == ps.str.join("/").to_list()
    assert s.str.replace_many(["a", "b"], ["b", "a"]).to_list() == ps.str.replace_many(["a", "b"], ["b", "a"]).to_list()
    assert s.str.extract_all("[a-z]+").to_list() == ps.str.extract_all("[a-z]+").to_list()
    assert s.str.normalize("NFKD").to_list() == ps.str.normalize("NFKD").to_list()
    dates = ["2024-01-02", None]
    assert pl.Series("d", dates).str.to_date("%Y-%m-%d").to_list() == [dt.date(2024, 1, 2), None]


def test_unknown_directives_and_forms_are_named():
    with pytest.raises(ValueError, match="normalize"):
        pl.col("s").str.normalize("NFX")
    with pytest.raises(TypeError, match="single str"):
        pl.col("s").str.replace_many(["a"], "b")
    frame = pl.from_arrow(pa.table({"d": ["2024"]}), backend=pl.PortableBackend())
    with pytest.raises(pl.PolaroidError, match="%Q"):
        frame.select(pl.col("d").str.to_date("%Q")).collect()
