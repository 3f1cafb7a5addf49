"""Folders and globs are scanned alike on both backends and as Polars scans them (issue 13): a glob
within a folder, a folder with nested folders, and a path that matches nothing fails naming it. One
difference, on purpose (docs/semantics.md): in a folder, names starting with "." or "_" are left out
(Hive's and Spark's rule, so _SUCCESS markers and .crc files are not read), where Polars reads them."""
import shutil

import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from parity import backend_named, same_table


@pytest.fixture(scope="module")
def folder(tpch):
    root = tpch[0] / "globbed"
    shutil.rmtree(root, ignore_errors=True)
    (root / "2024" / "03").mkdir(parents=True, exist_ok=True)
    (root / "_meta").mkdir(exist_ok=True)
    for i, part in enumerate(["a.parquet", "b.parquet", "2024/c.parquet", "2024/03/d.parquet", "_meta/x.parquet",
                              ".hidden.parquet"]):
        pq.write_table(pa.table({"id": pa.array([i * 10 + j for j in range(3)], pa.int64()),
                                 "part": [part] * 3}), root / part)
    return root


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("pattern", ["*.parquet", "", "2024", "2024/*/*.parquet"], ids=["glob", "folder", "subfolder",
                                                                                        "nested glob"])
def test_globs_and_folders_are_read_as_polars_reads_them(cluster, folder, backend, pattern):
    path = str(folder / pattern) if pattern else str(folder) + "/"
    skipped = polars.col("part").str.contains(r"(^|/)[._]") if not pattern or "*" not in pattern else polars.lit(False)
    expected = polars.scan_parquet(path).filter(~skipped).sort("id").collect().to_arrow()
    actual = pl.scan_parquet(path, backend=backend_named(backend, cluster)).sort("id").collect().to_arrow()
    same_table(actual, expected, (path, backend))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_path_that_matches_nothing_fails_naming_it(cluster, folder, backend):
    with pytest.raises(pl.PolaroidError, match="nothing-here"):
        pl.scan_parquet(str(folder / "nothing-here*.parquet"), backend=backend_named(backend, cluster)).collect()
