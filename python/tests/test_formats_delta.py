"""scan_delta/read_delta on both backends and write_delta/sink_delta, checked against Polars on the
same Delta tables (partitioned, appended to, at older versions)."""
import datetime as dt
import shutil

import polars
import pytest

import polaroid as pl
from parity import backend_named, same_table

DATA = {"p": [1, 1, 2, None, 2], "q": ["a", "b", "a", "b", None], "x": [1.5, None, 3.0, 4.0, -1.0],
        "d": [dt.date(2024, 1, 1), None, dt.date(2024, 1, 3), dt.date(2024, 1, 4), dt.date(1969, 7, 20)],
        "t": [dt.datetime(2024, 1, 1, 1, 2, 3), None, dt.datetime(2000, 1, 1), dt.datetime(2024, 1, 4), None]}


@pytest.fixture()
def tables(tpch):
    """Delta tables under the cluster's data root, written by Polars: one partitioned by an integer and
    a string (version 0, then an append), one by a date and a datetime, one plain (then overwritten)."""
    root = tpch[0] / "delta"
    shutil.rmtree(root, ignore_errors=True)
    frame = polars.DataFrame(DATA)
    frame.write_delta(root / "parted", delta_write_options={"partition_by": ["p", "q"]})
    frame.head(2).write_delta(root / "parted", mode="append")
    frame.write_delta(root / "by_time", delta_write_options={"partition_by": ["d", "t"]})
    frame.write_delta(root / "plain")
    frame.tail(1).write_delta(root / "plain", mode="overwrite")
    return root


CASES = {"partitioned": ("parted", {}), "partitioned at version 0": ("parted", {"version": 0}),
         "by date and datetime": ("by_time", {}), "plain": ("plain", {}), "plain at version 0": ("plain", {"version": 0})}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(CASES))
def test_scan_delta_as_polars(cluster, tables, backend, case):
    name, options = CASES[case]
    expected = polars.scan_delta(tables / name, **options).filter(polars.col("x").is_not_null()).collect()
    actual = pl.scan_delta(tables / name, backend=backend_named(backend, cluster), **options)
    same_table(actual.filter(pl.col("x").is_not_null()).collect().to_arrow(), expected.to_arrow(), case, sort=True)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_read_delta_columns_as_polars(cluster, tables, backend):
    expected = polars.read_delta(str(tables / "parted"), columns=["x", "q"]).to_arrow()
    actual = pl.read_delta(str(tables / "parted"), columns=["x", "q"], backend=backend_named(backend, cluster))
    same_table(actual.to_arrow(), expected, "columns", sort=True)


@pytest.mark.parametrize("mode", ["error", "append", "overwrite", "ignore"])
def test_write_delta_modes_as_polars(tmp_path, mode):
    first, second = polars.DataFrame(DATA), polars.DataFrame(DATA).head(2)
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    pl.DataFrame(first.to_arrow()).write_delta(ours, delta_write_options={"partition_by": ["q"]})
    first.write_delta(theirs, delta_write_options={"partition_by": ["q"]})
    if mode == "error":
        with pytest.raises(Exception, match="already exists"):
            pl.DataFrame(second.to_arrow()).write_delta(ours, mode=mode)
    else:
        pl.from_arrow(second.to_arrow()).sink_delta(ours, mode=mode)
        second.write_delta(theirs, mode=mode)
    same_table(polars.read_delta(ours).to_arrow(), polars.read_delta(theirs).to_arrow(), mode, sort=True)


def test_delta_errors_name_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        pl.scan_delta(tmp_path / "nowhere")
    with pytest.raises(pl.PolaroidError, match="merge"):
        pl.DataFrame({"a": [1]}).write_delta(tmp_path / "t", mode="merge")
    table = tmp_path / "vectors"
    polars.DataFrame({"a": [1, 2]}).write_delta(table, delta_write_options={
        "configuration": {"delta.enableDeletionVectors": "true"}})
    with pytest.raises(pl.PolaroidError, match="deletionVectors"):
        pl.scan_delta(table)
