"""Polars' keyword arguments of scan_*/read_* on both backends, checked against Polars: the ones that
change the result become plan steps, hints are accepted, the rest are refused by name."""
import polars
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.feather as feather
import pytest

import polaroid as pl
from parity import backend_named, same_table


@pytest.fixture()
def files(tpch):
    folder = tpch[0] / "scan_options"
    folder.mkdir(exist_ok=True)
    table = pa.table({"a": list(range(30)), "b": ["x%d" % (i % 4) for i in range(30)], "c": [i / 3 for i in range(30)]})
    polars.from_arrow(table).write_parquet(folder / "t.parquet")
    feather.write_feather(table, folder / "t.arrow", compression="uncompressed")
    pcsv.write_csv(table, folder / "t.csv")
    return {"parquet": str(folder / "t.parquet"), "ipc": str(folder / "t.arrow"), "csv": str(folder / "t.csv")}


CASES = {
    "n_rows": ("parquet", "scan", {"n_rows": 7}),
    "a row index from an offset": ("parquet", "scan", {"row_index_name": "idx", "row_index_offset": 100, "n_rows": 5}),
    "hints": ("parquet", "scan", {"parallel": "columns", "use_statistics": False, "low_memory": True, "cache": False,
                                  "glob": True, "hive_partitioning": False, "storage_options": None, "credential_provider": "auto"}),
    "columns by name": ("parquet", "read", {"columns": ["c", "a"]}),
    "columns by position": ("parquet", "read", {"columns": [2, 0]}),
    "columns with a row index": ("parquet", "read", {"columns": ["b"], "row_index_name": "i", "n_rows": 4}),
    "schema": ("parquet", "scan", {"schema": {"a": "Int64", "b": "String", "c": "Float64"}}),
    "ipc with a row index": ("ipc", "scan", {"row_index_name": "r", "n_rows": 6}),
    "ipc columns": ("ipc", "read", {"columns": [1]}),
    "csv n_rows and new columns": ("csv", "scan", {"n_rows": 5, "new_columns": ["x", "y", "z"]}),
    "csv with column names and defaults": ("csv", "read", {"with_column_names": lambda names: [n.upper() for n in names],
                                                          "skip_rows": 0, "encoding": "utf8", "try_parse_dates": False}),
    "csv columns and a row index": ("csv", "read", {"columns": ["c", "a"], "row_index_name": "n"}),
}


def _call(lib, kind, mode, path, options):
    options = {k: (getattr(lib, v) if isinstance(v, str) and k != "parallel" and k != "credential_provider"
                   and hasattr(lib, v) else v) for k, v in options.items()}
    if "schema" in options:
        options["schema"] = {n: getattr(lib, t) for n, t in options["schema"].items()}
    frame = getattr(lib, "%s_%s" % (mode, kind))(path, **options)
    return frame.collect() if mode == "scan" else frame


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(CASES))
def test_scan_options_as_polars(cluster, files, backend, case):
    kind, mode, options = CASES[case]
    expected = _call(polars, kind, mode, files[kind], options).to_arrow()
    actual = _call(pl, kind, mode, files[kind], {**options, "backend": backend_named(backend, cluster)}) \
        if mode == "scan" else _read_on(backend_named(backend, cluster), kind, files[kind], options)
    same_table(actual.to_arrow(), expected, case)


def _read_on(backend, kind, path, options):
    return getattr(pl, "read_%s" % kind)(path, backend=backend, **options)


def test_options_polaroid_cannot_honour_are_refused_by_name(files):
    with pytest.raises(pl.exceptions.InvalidOperationError, match="include_file_paths"):
        pl.scan_parquet(files["parquet"], include_file_paths="path")
    with pytest.raises(pl.exceptions.InvalidOperationError, match="skip_rows"):
        pl.scan_csv(files["csv"], skip_rows=2)
    with pytest.raises(TypeError, match="teleport"):
        pl.scan_parquet(files["parquet"], teleport=True)
