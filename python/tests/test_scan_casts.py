"""scan_parquet(schema=...) under Polars' rules on both backends, against Polars: exact types pass, the
casts pl.ScanCastOptions allows are made, missing and extra columns follow missing_columns and
extra_columns, and everything else fails with Polars' error class and hint."""
import datetime as dt

import polars
import pytest

import polaroid as pl
from parity import backend_named, same_table

BASE = {"a": "Int32", "f": "Float32", "g": "Float64", "t": ("Datetime", "ns"), "z": ("Datetime", "us", "UTC"), "s": "String"}


@pytest.fixture()
def path(tpch):
    folder = tpch[0] / "scan_casts"  # under the test cluster's data root
    folder.mkdir(exist_ok=True)
    file = str(folder / "t.parquet")
    moments = [dt.datetime(2020, 1, 1, 12, 30), None, dt.datetime(1999, 12, 31, 23, 59, 59, 123456)]
    polars.DataFrame({"a": polars.Series([1, None, -3], dtype=polars.Int32), "f": polars.Series([1.5, None, -2.25], dtype=polars.Float32),
                      "g": [0.1, 2.5, None], "t": polars.Series(moments).cast(polars.Datetime("ns")),
                      "z": polars.Series(moments).dt.replace_time_zone("UTC"), "s": ["x", None, "z"]}).write_parquet(file)
    return file


def _type(lib, spec):
    return getattr(lib, spec) if isinstance(spec, str) else getattr(lib, spec[0])(*spec[1:])


def _scan(lib, path, changes, backend=None, **options):
    schema = {n: _type(lib, t) for n, t in {**BASE, **changes}.items() if t is not None}
    if "cast_options" in options:
        options["cast_options"] = lib.ScanCastOptions(**options["cast_options"])
    extra = {} if backend is None else {"backend": backend}
    return lib.scan_parquet(path, schema=schema, **options, **extra)


ALLOWED = {
    "the file's own types, reordered": ({"s": "String"}, {}),
    "integers widened": ({"a": "Int64"}, {"cast_options": {"integer_cast": "upcast"}}),
    "integers to floats": ({"a": "Float64"}, {"cast_options": {"integer_cast": ["upcast", "allow-float"]}}),
    "floats widened and narrowed": ({"f": "Float64", "g": "Float32"}, {"cast_options": {"float_cast": ["upcast", "downcast"]}}),
    "nanoseconds coarsened": ({"t": ("Datetime", "ms")}, {"cast_options": {"datetime_cast": "nanosecond-downcast"}}),
    "a time zone converted": ({"z": ("Datetime", "us", "Asia/Kolkata")}, {"cast_options": {"datetime_cast": "convert-timezone"}}),
    "a missing column inserted": ({"n": "Int64"}, {"missing_columns": "insert"}),
    "an extra column ignored": ({"s": None, "g": None}, {"extra_columns": "ignore"}),
}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(ALLOWED))
def test_allowed_reads_give_polars_answer(cluster, path, backend, case):
    changes, options = ALLOWED[case]
    expected = _scan(polars, path, changes, **dict(options)).collect().to_arrow()
    actual = _scan(pl, path, changes, backend_named(backend, cluster), **dict(options)).collect().to_arrow()
    same_table(actual, expected, case)


REFUSED = {
    "an integer widened without leave": ({"a": "Int64"}, {}, "SchemaError", "integer_cast='upcast'"),
    "an integer narrowed": ({"a": "Int16"}, {"cast_options": {"integer_cast": "upcast"}}, "SchemaError", "cannot safely"),
    "an integer to a float without leave": ({"a": "Float64"}, {"cast_options": {"integer_cast": "upcast"}}, "SchemaError",
                                             "integer_cast='allow-float'"),
    "a float narrowed without leave": ({"g": "Float32"}, {"cast_options": {"float_cast": "upcast"}}, "SchemaError",
                                        "float_cast='downcast'"),
    "nanoseconds coarsened without leave": ({"t": ("Datetime", "us")}, {}, "SchemaError", "nanosecond-downcast"),
    "another time zone without leave": ({"z": ("Datetime", "us", "Asia/Kolkata")}, {}, "SchemaError", "convert-timezone"),
    "a string read as an integer": ({"s": "Int64"}, {}, "SchemaError", "data type mismatch for column s"),
    "a missing column": ({"n": "Int64"}, {}, "ColumnNotFoundError", "missing_columns='insert'"),
    "an extra column": ({"s": None}, {}, "SchemaError", "extra_columns='ignore'"),
}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_reads_fail_as_polars_does(cluster, path, backend, case):
    changes, options, error, message = REFUSED[case]
    with pytest.raises(getattr(polars.exceptions, error), match=message.replace("(", r"\(")):
        _scan(polars, path, changes, **dict(options)).collect()
    with pytest.raises(getattr(pl.exceptions, error), match=message.replace("(", r"\(")):
        _scan(pl, path, changes, backend_named(backend, cluster), **dict(options)).collect()
