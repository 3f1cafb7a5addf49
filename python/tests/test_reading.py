"""Polars' local readers (newline-delimited JSON, Arrow IPC streams, Parquet and IPC schemas and
metadata, records), checked against Polars reading the same files."""
import json

import polars
import pyarrow as pa
import pyarrow.parquet as pq

import polaroid as pl


def test_ndjson_and_ipc_streams_read_as_polars_reads_them(tmp_path):
    lines = tmp_path / "rows.ndjson"
    lines.write_text("\n".join(json.dumps({"a": i, "b": "x%d" % i if i % 2 else None}) for i in range(5)) + "\n")
    assert pl.read_ndjson(str(lines)).to_dict(as_series=False) == polars.read_ndjson(lines).to_dict(as_series=False)
    assert pl.scan_ndjson(str(lines)).filter(pl.col("a") > 2).collect().to_dict(as_series=False) == \
        polars.scan_ndjson(lines).filter(polars.col("a") > 2).collect().to_dict(as_series=False)
    stream = tmp_path / "rows.arrows"
    table = pa.table({"a": [1, 2], "b": ["p", None]})
    with pa.ipc.new_stream(str(stream), table.schema) as writer:
        writer.write_table(table)
    assert pl.read_ipc_stream(str(stream)).to_dict(as_series=False) == \
        polars.read_ipc_stream(stream).to_dict(as_series=False)


def test_schemas_and_metadata_come_from_the_files_alone(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"a": pa.array([1], pa.int32()), "s": ["x"], "f": [1.5]}).replace_schema_metadata({"k": "v"}),
                   path)
    ours = pl.read_parquet_schema(str(path))
    theirs = polars.read_parquet_schema(path)
    assert list(ours) == list(theirs)
    assert [str(t) for t in ours.values()] == [str(t) for t in theirs.values()]
    assert pl.read_parquet_metadata(str(path))["k"] == polars.read_parquet_metadata(path)["k"]
    ipc = tmp_path / "t.arrow"
    polars.DataFrame({"a": [1], "s": ["x"]}).write_ipc(ipc)
    assert list(pl.read_ipc_schema(str(ipc))) == list(polars.read_ipc_schema(ipc))


def test_records_make_a_frame_as_polars_makes_it():
    rows = [(1, "a"), (2, None)]
    assert pl.from_records(rows, schema=["n", "s"], orient="row").to_dict(as_series=False) == \
        polars.from_records(rows, schema=["n", "s"], orient="row").to_dict(as_series=False)
    dicts = [{"n": 1, "s": "a"}, {"n": 2, "s": None}]
    assert pl.from_records(dicts).to_dict(as_series=False) == polars.from_records(dicts).to_dict(as_series=False)
