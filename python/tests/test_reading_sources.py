"""Frames from a database (read_database over a DB-API 2 connection or cursor, read_database_uri over
a SQLite URI) and from NumPy arrays, checked against Polars."""
import sqlite3

import numpy as np
import polars
import pytest

import polaroid as pl
from parity import same_table


@pytest.fixture()
def database(tmp_path):
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as c:
        c.execute("create table items (id integer, name text, price real, sold integer)")
        c.executemany("insert into items values (?, ?, ?, ?)",
                      [(i, None if i % 4 == 0 else "item%d" % i, i * 1.25, None if i % 3 == 0 else i % 2) for i in range(25)])
    return path


QUERIES = ["select * from items order by id", "select name, sum(price) as total from items group by name order by name",
           "select id from items where price > 100"]


@pytest.mark.parametrize("query", QUERIES)
def test_read_database_gives_polars_frame(database, query):
    with sqlite3.connect(database) as c:
        expected = polars.read_database(query, c).to_arrow()
        same_table(pl.read_database(query, c).to_arrow(), expected, query)
        same_table(pl.read_database(query, c.cursor()).to_arrow(), expected, query)


def test_batches_overrides_and_parameters_as_polars(database):
    query = "select * from items where id >= ? order by id"
    with sqlite3.connect(database) as c:
        options = {"parameters": [5]}
        expected = polars.read_database(query, c, execute_options=options, schema_overrides={"sold": polars.Int8})
        actual = pl.read_database(query, c, execute_options=options, schema_overrides={"sold": pl.Int8})
        same_table(actual.to_arrow(), expected.to_arrow(), "overrides")
        sizes = [f.height for f in pl.read_database(query, c, iter_batches=True, batch_size=7, execute_options=options)]
        assert sizes == [f.height for f in polars.read_database(query, c, iter_batches=True, batch_size=7,
                                                                  execute_options=options)]


def test_read_database_uri_reads_sqlite_as_read_database_does(database):
    with sqlite3.connect(database) as c:
        expected = polars.read_database(QUERIES[0], c).to_arrow()
    same_table(pl.read_database_uri(QUERIES[0], "sqlite://" + str(database)).to_arrow(), expected, "uri")
    both = pl.read_database_uri([QUERIES[2], QUERIES[2]], "sqlite://" + str(database))
    assert both.height == 2 * pl.read_database_uri(QUERIES[2], "sqlite://" + str(database)).height


def test_read_database_uri_names_what_it_needs():
    with pytest.raises(ModuleNotFoundError, match="ADBC"):
        pl.read_database_uri("select 1", "postgresql://127.0.0.1/db")
    with pytest.raises(ValueError, match="ConnectorX"):
        pl.read_database_uri("select 1", "sqlite:///x.db", partition_on="id", partition_num=2)


@pytest.mark.parametrize("case", ["1-D", "2-D", "2-D with names of its rows", "2-D with names of its columns",
                                  "square", "orient col", "overrides"])
def test_from_numpy_as_polars(case):
    a = np.arange(6).reshape(2, 3)
    args = {"1-D": ((np.array([1.5, 2.0, np.nan]),), {}), "2-D": ((a,), {}),
            "2-D with names of its rows": ((a, ["x", "y"]), {}), "2-D with names of its columns": ((a, ["x", "y", "z"]), {}),
            "square": ((np.arange(4).reshape(2, 2), ["x", "y"]), {}), "orient col": ((a,), {"orient": "col"}),
            "overrides": ((a, ["x", "y", "z"]), {"schema_overrides": {"y": "Int16"}})}[case]
    def build(lib):
        kwargs = {k: ({n: getattr(lib, t) for n, t in v.items()} if k == "schema_overrides" else v)
                  for k, v in args[1].items()}
        return lib.from_numpy(*args[0], **kwargs)
    same_table(build(pl).to_arrow(), build(polars).to_arrow(), case)
    with pytest.raises(ValueError, match="3-D"):
        pl.from_numpy(np.zeros((2, 2, 2)))
