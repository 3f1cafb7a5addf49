"""read_avro and DataFrame.write_avro checked against Polars on the same files."""
import datetime as dt

import fastavro
import polars
import pytest

import polaroid as pl
from parity import same_table

UTC = dt.timezone.utc
SCHEMA = {"type": "record", "name": "r", "fields": [
    {"name": "i", "type": ["null", "int"]}, {"name": "l", "type": "long"}, {"name": "f", "type": "float"},
    {"name": "d", "type": ["null", "double"]}, {"name": "s", "type": ["null", "string"]}, {"name": "b", "type": "bytes"},
    {"name": "o", "type": ["null", "boolean"]}, {"name": "day", "type": ["null", {"type": "int", "logicalType": "date"}]},
    {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "us", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
    {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
    {"name": "clock", "type": {"type": "long", "logicalType": "time-micros"}}]}
ROWS = [{"i": 1, "l": 2, "f": 1.5, "d": None, "s": "x", "b": b"ab", "o": True, "day": dt.date(2024, 1, 2),
         "ms": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), "us": dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
         "local": dt.datetime(2024, 1, 2, 9), "clock": dt.time(1, 2, 3, 4)},
        {"i": None, "l": -5, "f": 2.0, "d": 3.25, "s": None, "b": b"", "o": None, "day": None,
         "ms": dt.datetime(1960, 1, 1, tzinfo=UTC), "us": None, "local": dt.datetime(1970, 1, 1), "clock": dt.time(0)},
        {"i": -7, "l": 2**40, "f": -0.25, "d": float("inf"), "s": "", "b": b"\x00", "o": False,
         "day": dt.date(1900, 3, 1), "ms": dt.datetime(2000, 2, 29, tzinfo=UTC), "us": None,
         "local": dt.datetime(2038, 1, 19), "clock": dt.time(23, 59, 59)}]


@pytest.fixture()
def avro_file(tmp_path):
    path = tmp_path / "types.avro"
    with open(path, "wb") as f:
        fastavro.writer(f, SCHEMA, ROWS)
    return path


@pytest.mark.parametrize("options", [{}, {"columns": ["s", "i"]}, {"columns": [3, 0]}, {"n_rows": 2}])
def test_read_avro_types_as_polars(avro_file, options):
    same_table(pl.read_avro(avro_file, **options).to_arrow(), polars.read_avro(avro_file, **options).to_arrow(), options)
    same_table(pl.read_avro(avro_file.read_bytes(), **options).to_arrow(),
               polars.read_avro(avro_file, **options).to_arrow(), ("bytes", options))


FRAME = {"i": [1, None, 3], "i32": polars.Series([1, None, -2], dtype=polars.Int32),
         "f32": polars.Series([1.0, None, 0.5], dtype=polars.Float32), "f": [1.5, None, float("nan")],
         "s": ["a", None, ""], "b": [b"x", None, b""], "o": [True, None, False],
         "d": [dt.date(2024, 1, 1), None, dt.date(1969, 12, 31)],
         "t": [dt.datetime(2024, 1, 1, 1, 2, 3, 4), None, dt.datetime(1960, 5, 6)],
         "tms": polars.Series([dt.datetime(2024, 1, 1, 1), None, None]).dt.cast_time_unit("ms")}


@pytest.mark.parametrize("compression", ["uncompressed", "deflate"])
def test_write_avro_as_polars_writes(tmp_path, compression):
    frame = polars.DataFrame(FRAME)
    ours, theirs = tmp_path / "ours.avro", tmp_path / "theirs.avro"
    pl.DataFrame(frame.to_arrow()).write_avro(ours, compression, name="rec")
    frame.write_avro(theirs, compression, name="rec")
    with open(ours, "rb") as a, open(theirs, "rb") as b:
        assert fastavro.reader(a).writer_schema == fastavro.reader(b).writer_schema
    same_table(polars.read_avro(ours).to_arrow(), polars.read_avro(theirs).to_arrow(), compression)
    same_table(pl.read_avro(ours).to_arrow(), polars.read_avro(theirs).to_arrow(), compression)


def test_avro_errors_name_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.avro"):
        pl.read_avro(tmp_path / "missing.avro")
    with pytest.raises(pl.PolaroidError, match="'small'.*int8"):
        pl.DataFrame({"small": pl.Series([1], dtype=pl.Int8)}).write_avro(tmp_path / "x.avro")
    with pytest.raises(polars.exceptions.ComputeError, match="Int8"):
        polars.DataFrame({"small": polars.Series([1], dtype=polars.Int8)}).write_avro(tmp_path / "y.avro")
    with pytest.raises(ValueError, match="zstd"):
        pl.DataFrame({"a": [1]}).write_avro(tmp_path / "z.avro", "zstd")


def test_a_missing_package_is_named(monkeypatch, tmp_path):
    import sys
    monkeypatch.setitem(sys.modules, "fastavro", None)
    with pytest.raises(ModuleNotFoundError, match="fastavro"):
        pl.read_avro(tmp_path / "x.avro")
