"""Binary columns end to end (issue 13) on both backends, Polars the oracle: a Parquet BINARY column
(un-annotated, as Polars writes bytes) reads as Binary with its bytes intact, including invalid UTF-8,
the empty value and zero bytes; bytes are ordered unsigned, byte by byte, in sort, min/max and
comparisons; they are keys of group_by, join, unique and is_in; the bin namespace and casts to and
from text behave as Polars'."""
import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, same_table

BACKENDS = ["distributed", "portable"]
B = [None, b"", b"\x00", b"\xff\xfe", b"abc", b"ab", b"abc", b"\x00", None, b"\xff", b"\x00\x01", b"a\x00c",
     b"\x00\x00\x80\x3f", b"\x01\x02\x03\x04\x05\x06\x07\x80"]
C = [b"ab", b"", None, b"\xff", b"abd", b"ab", b"abc", b"\x01", b"x", b"\xff", b"\x00", b"a\x00b", b"\x80\x3f", b"\x07"]
TEXT = ["a", "", "é", None, "ab", "ab", "\x00", "zz", "", "€", "abc", "b", "ü", "😀"]
HEX = ["00ff", "", "zz", None, "616263", "0", "FFfe", "00", "", "4", "ab", "c3a9", "0g", "deadBEEF"]
B64 = ["AA==", "", "YWJj", None, "//4=", "abc", "YQ", "!!!!", "", "AAE=", "YWI=", "w6k=", "AAAAgD8=", "=="]


@pytest.fixture(scope="module")
def folder(tpch):
    out = tpch[0] / "binary"  # under the test cluster's data root
    out.mkdir(exist_ok=True)
    return out


@pytest.fixture(scope="module")
def path(folder):
    p = folder / "binary.parquet"
    polars.DataFrame({"k": list(range(len(B))), "b": B, "c": C, "t": TEXT, "h": HEX, "s64": B64},
                     schema={"k": polars.Int64, "b": polars.Binary, "c": polars.Binary, "t": polars.String,
                             "h": polars.String, "s64": polars.String}).write_parquet(p)
    return str(p)


def _cases(lib):
    col = lib.col
    valid = [b"", b"\x00", b"abc", b"ab", b"\x00\x01", b"a\x00c"]
    cases = {
        "select": lambda f: f.select("k", "b", "c"),
        "filter ==": lambda f: f.filter(col("b") == b"\xff\xfe"),
        "filter !=": lambda f: f.filter(col("b") != b"abc"),
        "filter < literal": lambda f: f.filter(col("b") < b"ab"),
        "filter >= literal": lambda f: f.filter(col("b") >= b"\x00\x01"),
        "compare columns": lambda f: f.select("k", (col("b") < col("c")).alias("lt"), (col("b") == col("c")).alias("eq"),
                                              (col("b") > col("c")).alias("gt")),
        "is_in": lambda f: f.filter(col("b").is_in([b"abc", b"\x00", b""])),
        "is_null": lambda f: f.select("k", col("b").is_null(), col("c").is_not_null().alias("cn")),
        "fill_null": lambda f: f.select("k", col("b").fill_null(b"\xfe\x00")),
        "literal column": lambda f: f.select("k", lib.lit(b"\x00\xff").alias("x")),
        "aggregates": lambda f: f.select(col("b").min().alias("min"), col("b").max().alias("max"),
                                         col("b").first().alias("first"), col("b").last().alias("last"),
                                         col("b").count().alias("count"), col("b").len().alias("len"),
                                         col("b").null_count().alias("nulls"), col("b").n_unique().alias("n_unique")),
        "bin predicates": lambda f: f.select("k", col("b").bin.contains(b"b").alias("contains"),
                                             col("b").bin.starts_with(b"\x00").alias("starts"),
                                             col("b").bin.ends_with(b"\xfe").alias("ends")),
        "bin predicates of a column": lambda f: f.select("k", col("b").bin.contains(col("c")).alias("contains"),
                                                        col("b").bin.starts_with(col("c")).alias("starts"),
                                                        col("b").bin.ends_with(col("c")).alias("ends")),
        "bin slices": lambda f: f.select("k", col("b").bin.slice(1, 2).alias("s12"), col("b").bin.slice(-2).alias("sm2"),
                                         col("b").bin.slice(-10, 3).alias("sm10"), col("b").bin.slice(1, 0).alias("s0"),
                                         col("b").bin.head(2).alias("h2"), col("b").bin.head(-1).alias("hm1"),
                                         col("b").bin.tail(2).alias("t2"), col("b").bin.tail(-1).alias("tm1"),
                                         col("b").bin.head().alias("h5")),
        "bin.get": lambda f: f.select("k", col("b").bin.get(0, null_on_oob=True).alias("first"),
                                      col("b").bin.get(-1, null_on_oob=True).alias("last")),
        "bin.reinterpret": lambda f: f.select("k", *[col("b").bin.reinterpret(dtype=getattr(lib, t), endianness=e)
                                                     .alias("%s_%s" % (t, e)) for t in ("Int8", "Int16", "Int32", "Int64",
                                                                                        "Float32", "Float64")
                                                     for e in ("little", "big")]),
        "bin.size": lambda f: f.select("k", col("b").bin.size().alias("b"), col("b").bin.size("kb").alias("kb")),
        "bin.encode": lambda f: f.select("k", col("b").bin.encode("hex").alias("hex"),
                                         col("b").bin.encode("base64").alias("b64")),
        "encode then decode": lambda f: f.select("k", col("b").bin.encode("hex").str.decode("hex").alias("hex"),
                                                 col("b").bin.encode("base64").str.decode("base64").alias("b64")),
        "str.decode not strict": lambda f: f.select("k", col("h").str.decode("hex", strict=False).alias("hex"),
                                                    col("s64").str.decode("base64", strict=False).alias("b64")),
        "bin.decode not strict": lambda f: f.select("k", col("h").cast(lib.Binary).bin.decode("hex", strict=False)),
        "str.encode": lambda f: f.select("k", col("t").str.encode("hex").alias("hex"),
                                         col("t").str.encode("base64").alias("b64")),
        "text to binary": lambda f: f.select("k", col("t").cast(lib.Binary)),
        "valid binary to text": lambda f: f.filter(col("b").is_in(valid)).select("k", col("b").cast(lib.String)),
    }
    for descending in (False, True):
        for nulls_last in (False, True):
            cases["sort desc=%s nulls_last=%s" % (descending, nulls_last)] = (
                lambda d, n: lambda f: f.sort(["b", "k"], descending=[d, False], nulls_last=n))(descending, nulls_last)
    return cases


UNORDERED = {
    "group_by": lambda lib: lambda f: f.group_by("b").agg(lib.len(), lib.col("k").sum(), lib.col("c").max().alias("cmax")),
    "group_by two keys": lambda lib: lambda f: f.group_by((lib.col("k") % 2).alias("odd"), "b").agg(lib.len()),
    "per group min max": lambda lib: lambda f: f.group_by((lib.col("k") % 3).alias("g")).agg(
        lib.col("b").min().alias("min"), lib.col("b").max().alias("max"), lib.col("b").n_unique().alias("n")),
    "unique": lambda lib: lambda f: f.select("b").unique(),
    "list of binary": lambda lib: lambda f: f.group_by((lib.col("k") % 3).alias("g")).agg(lib.col("b").sort(nulls_last=True)),
    "struct of binary": lambda lib: lambda f: f.select("k", lib.struct("b", "c").alias("s")),
    **{"join " + how: (lambda h: lambda lib: lambda f: f.select("k", "b").join(
        f.select(lib.col("c").alias("b"), (lib.col("k") * 10).alias("k2")), on="b", how=h))(how)
       for how in ("inner", "left", "semi", "anti", "full")},
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", sorted(_cases(pl)))
def test_binary_as_polars(cluster, backend, path, case):
    expected = _cases(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    actual = _cases(pl)[case](pl.scan_parquet(path, backend=backend_named(backend, cluster))).collect().to_arrow()
    same_table(actual, expected, (case, backend))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", sorted(UNORDERED))
def test_binary_keys_as_polars(cluster, backend, path, case):
    expected = UNORDERED[case](polars)(polars.scan_parquet(path)).collect().to_arrow()
    actual = UNORDERED[case](pl)(pl.scan_parquet(path, backend=backend_named(backend, cluster))).collect().to_arrow()
    same_table(actual, expected, (case, backend), sort=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_bytes_come_back_intact_as_arrow_binary(cluster, backend, path):
    table = pl.scan_parquet(path, backend=backend_named(backend, cluster)).select("b").collect().to_arrow()
    assert table.schema.field("b").type in (pa.binary(), pa.large_binary())
    assert table.column("b").to_pylist() == B


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("strict", [True, False])
def test_invalid_utf8_fails_a_cast_to_text_strict_or_not_as_polars(cluster, backend, path, strict):
    with pytest.raises(polars.exceptions.ComputeError, match="invalid utf8"):
        polars.scan_parquet(path).select(polars.col("b").cast(polars.String, strict=strict)).collect()
    frame = pl.scan_parquet(path, backend=backend_named(backend, cluster))
    with pytest.raises(pl.exceptions.ComputeError, match="invalid utf8"):  # Polars' class, code INVALID_VALUE
        frame.select(pl.col("b").cast(pl.String, strict=strict)).collect()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("encoding,column", [("hex", "h"), ("base64", "s64")])
def test_a_strict_decode_of_bad_text_fails_as_polars(cluster, backend, path, encoding, column):
    with pytest.raises(polars.exceptions.ComputeError, match="invalid"):
        polars.scan_parquet(path).select(polars.col(column).str.decode(encoding)).collect()
    frame = pl.scan_parquet(path, backend=backend_named(backend, cluster))
    with pytest.raises(pl.exceptions.ComputeError, match="invalid `%s` encoding" % encoding):
        frame.select(pl.col(column).str.decode(encoding)).collect()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_byte_out_of_range_fails_as_polars(cluster, backend, path):
    with pytest.raises(polars.exceptions.ComputeError, match="out of bounds"):
        polars.scan_parquet(path).select(polars.col("b").bin.get(1)).collect()
    frame = pl.scan_parquet(path, backend=backend_named(backend, cluster))
    with pytest.raises(pl.exceptions.ComputeError, match="out of bounds"):
        frame.select(pl.col("b").bin.get(1)).collect()


@pytest.mark.parametrize("backend", BACKENDS)
def test_binary_written_to_parquet_and_ipc_reads_back_in_polars(cluster, backend, path, folder):
    tmp_path = folder / backend
    tmp_path.mkdir(exist_ok=True)
    lazy = pl.scan_parquet(path, backend=backend_named(backend, cluster)).select("k", "b")
    lazy.sink_parquet(str(tmp_path / "out.parquet"))
    lazy.sink_ipc(str(tmp_path / "out.arrow"))
    expected = polars.scan_parquet(path).select("k", "b").collect()
    for read in (polars.read_parquet(tmp_path / "out.parquet"), polars.read_ipc(tmp_path / "out.arrow")):
        assert read.schema == expected.schema
        assert read.sort("k").rows() == expected.rows()
    again = pl.scan_ipc(str(tmp_path / "out.arrow"), backend=backend_named(backend, cluster)).sort("k").collect()
    same_table(again.to_arrow(), expected.to_arrow(), ("ipc", backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_binary_cannot_be_written_to_csv_as_polars(cluster, backend, path, folder, tmp_path):
    with pytest.raises(polars.exceptions.ComputeError, match="binary"):
        polars.scan_parquet(path).select("b").collect().write_csv(str(tmp_path / "polars.csv"))
    with pytest.raises(pl.exceptions.ComputeError, match="binary"):
        pl.scan_parquet(path, backend=backend_named(backend, cluster)).select("b").sink_csv(str(folder / ("%s.csv" % backend)))


def _cells(text: str) -> list:
    """The value cells of a one-column table as printed, below its header rule (ASCII or box drawing)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "=" in line or "═" in line) + 1
    return [line.strip("|│ ") for line in lines[start:-1]]


def test_binary_values_print_as_polars_prints_them():
    long = [b"a" * 27, b"a" * 28, b"\x01" * 7, b"\x01" * 6 + b"abc", b"ab" * 14 + b"\xff"]
    table = pa.table({"b": pa.array(B + [b'"\\\n\x7f'] + long, pa.binary())})
    with pl.Config(tbl_rows=-1), polars.Config(tbl_rows=-1):
        assert _cells(repr(pl.DataFrame(table))) == _cells(repr(polars.from_arrow(table)))
