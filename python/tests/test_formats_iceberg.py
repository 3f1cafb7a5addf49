"""scan_iceberg on both backends and write_iceberg/sink_iceberg, checked against Polars on the same
Iceberg tables (a SQLite catalog; a metadata path or a pyiceberg Table; an older snapshot)."""
import datetime as dt
import shutil
import warnings

import polars
import pytest

import polaroid as pl
from parity import backend_named, same_table

DATA = {"p": [1, 1, 2, None, 2], "q": ["a", "b", "a", "b", None], "x": [1.5, None, 3.0, 4.0, -1.0],
        "d": [dt.date(2024, 1, 1), None, dt.date(2024, 1, 3), dt.date(2024, 1, 4), dt.date(1969, 7, 20)],
        "t": [dt.datetime(2024, 1, 1, 1, 2, 3), None, dt.datetime(2000, 1, 1), dt.datetime(2024, 1, 4), None]}


def _catalog(folder):
    from pyiceberg.catalog.sql import SqlCatalog
    folder.mkdir(parents=True, exist_ok=True)
    catalog = SqlCatalog("test", uri="sqlite:///%s" % (folder / "catalog.db"), warehouse=folder.as_uri())
    catalog.create_namespace("ns")
    return catalog


@pytest.fixture()
def table(tpch):
    """A table under the cluster's data root with two snapshots, written by Polars."""
    root = tpch[0] / "iceberg"
    shutil.rmtree(root, ignore_errors=True)
    frame = polars.DataFrame(DATA)
    catalog = _catalog(root)
    table = catalog.create_table("ns.t", schema=frame.to_arrow().schema)
    frame.write_iceberg(table, mode="append")
    frame.head(2).write_iceberg(catalog.load_table("ns.t"), mode="append")
    return catalog.load_table("ns.t")


def _polars_scan(source, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Polars' note that it plans with pyiceberg
        return polars.scan_iceberg(source, **options).collect()


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", ["metadata path", "table", "first snapshot"])
def test_scan_iceberg_as_polars(cluster, table, backend, case):
    source = table.metadata_location if case == "metadata path" else table
    options = {"snapshot_id": table.snapshots()[0].snapshot_id} if case == "first snapshot" else {}
    expected = _polars_scan(source, **options).filter(polars.col("p").is_not_null())
    actual = pl.scan_iceberg(source, backend=backend_named(backend, cluster), **options)
    same_table(actual.filter(pl.col("p").is_not_null()).collect().to_arrow(), expected.to_arrow(), case, sort=True)


@pytest.mark.parametrize("mode", ["append", "overwrite"])
def test_write_and_sink_iceberg_as_polars(tmp_path, mode):
    ours, theirs = _catalog(tmp_path / "ours"), _catalog(tmp_path / "theirs")
    frame = polars.DataFrame(DATA)
    for catalog in (ours, theirs):
        catalog.create_table("ns.t", schema=frame.to_arrow().schema)
    pl.DataFrame(frame.to_arrow()).write_iceberg(ours.load_table("ns.t"), mode="append")
    frame.write_iceberg(theirs.load_table("ns.t"), mode="append")
    written = pl.from_arrow(frame.head(2).to_arrow()).sink_iceberg(ours.load_table("ns.t"), mode=mode)
    polars.LazyFrame(frame.head(2)).sink_iceberg(theirs.load_table("ns.t"), mode=mode)
    assert written.columns == ["metadata_path"] and written["metadata_path"][0] == ours.load_table("ns.t").metadata_location
    same_table(_polars_scan(ours.load_table("ns.t")).to_arrow(), _polars_scan(theirs.load_table("ns.t")).to_arrow(),
               mode, sort=True)


def test_iceberg_errors_name_what_is_wrong(tmp_path, table):
    with pytest.raises(FileNotFoundError, match="nowhere.json"):
        pl.scan_iceberg(str(tmp_path / "nowhere.json"))
    with pytest.raises(pl.PolaroidError, match="from_snapshot_id_exclusive"):
        pl.scan_iceberg(table, from_snapshot_id_exclusive=1)
    with pytest.raises(ValueError, match="mode"):
        pl.DataFrame(DATA).write_iceberg(table, mode="merge")


def test_an_evolved_schema_is_refused_by_name(table):
    from pyiceberg.types import LongType
    with table.update_schema() as update:
        update.add_column("added", LongType())
    with pytest.raises(pl.PolaroidError, match="schema has evolved"):
        pl.scan_iceberg(table)
