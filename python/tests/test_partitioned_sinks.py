"""pl.PartitionBy against Polars on both backends: the same files (Hive folders per key value, nulls and
odd characters encoded, files split by rows, names from a file_path_provider) holding the same rows."""
import datetime as dt
import os

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, same_table

DATA = pa.table({"k": ["a/b", "c d", "é%", None, "a/b", "c d", "a/b"], "x": pa.array([1, 2, 3, 4, 5, 6, 7], pa.int64()),
                 "d": [dt.date(2020, 1, i % 2 + 1) for i in range(7)], "f": [1.5, 2.0, None, 1.5, 2.0, 1.5, None]})

SINKS = {
    "parquet by three keys": lambda lib, root: ("parquet", lib.PartitionBy(root, key=["k", "d", "f"])),
    "ipc by an expression": lambda lib, root: ("ipc", lib.PartitionBy(root, key=(lib.col("x") % 3).alias("m"))),
    "ndjson by a mapping": lambda lib, root: ("ndjson", lib.PartitionBy(root, key={"big": lib.col("x") > 3})),
    "csv without the key, 2 rows a file": lambda lib, root: (
        "csv", lib.PartitionBy(root, key="d", include_key=False, max_rows_per_file=2)),
    "parquet, 3 rows a file": lambda lib, root: ("parquet", lib.PartitionBy(root, max_rows_per_file=3)),
    "named by a provider": lambda lib, root: ("parquet", lib.PartitionBy(
        root, key="d", max_rows_per_file=2, file_path_provider=lambda a: "%s/part-%d.parquet" % (
            a.partition_keys.to_dicts()[0]["d"], a.index_in_partition))),
}


def _files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def _read(path):
    kind = path.rsplit(".", 1)[1]
    read = {"parquet": polars.read_parquet, "ipc": polars.read_ipc, "jsonl": polars.read_ndjson,
            "csv": polars.read_csv}[kind]
    return read(path, **({"hive_partitioning": False} if kind == "parquet" else {})).to_arrow()


@pytest.mark.filterwarnings("ignore::polars.exceptions.UnstableWarning")
@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(SINKS))
def test_partitioned_sink_writes_polars_files(cluster, backend, case, tmp_path):
    format, expected_to = SINKS[case](polars, str(tmp_path / "polars"))
    getattr(polars.from_arrow(DATA).lazy(), "sink_" + format)(expected_to)
    format, actual_to = SINKS[case](pl, str(tmp_path / "polaroid"))
    getattr(pl.from_arrow(DATA, backend=backend_named(backend, cluster)), "sink_" + format)(actual_to)
    files = _files(tmp_path / "polars")
    assert _files(tmp_path / "polaroid") == files and files, case
    for f in files:
        same_table(_read(str(tmp_path / "polaroid" / f)), _read(str(tmp_path / "polars" / f)), (case, f), sort=True)


def test_partition_by_needs_a_way_to_split_as_polars_says():
    for lib in (polars, pl):
        with pytest.raises(ValueError, match="at least one of"):
            lib.PartitionBy("x")
        with pytest.raises(ValueError, match="cannot use 'include_key' without specifying 'key'"):
            lib.PartitionBy("x", include_key=False, max_rows_per_file=2)
