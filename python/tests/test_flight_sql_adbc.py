"""Arrow Flight SQL on the coordinator's port through ADBC, as Python tools reach it: queries whose
results the driver reads from the workers (with the same token), the catalog as adbc_get_objects
browses it, a parameterized query, and the engine's errors; answers equal DuckDB's on the same files."""
import os

import adbc_driver_manager
import duckdb
import pytest
from adbc_driver_flightsql import dbapi as flight_sql

from tpch_sql import TABLES, duckdb_answer, same_rows, tpch_text


@pytest.fixture(scope="module")
def conn(cluster):
    c = flight_sql.connect("grpc://127.0.0.1:%d" % cluster.port,
                           db_kwargs={"adbc.flight.sql.authorization_header": "Bearer " + os.environ["POLAROID_TOKEN"]},
                           autocommit=True)  # Polaroid only reads: there are no transactions to turn on
    yield c
    c.close()


@pytest.fixture(scope="module")
def duck(tpch):
    data, _ = tpch
    con = duckdb.connect()
    for t in ("lineitem", "nation"):
        con.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s')" % (t, data / ("%s.parquet" % t)))
    yield con
    con.close()


def _rows(conn, sql, parameters=None):
    with conn.cursor() as cur:
        cur.execute(sql, parameters)
        return [tuple(r.values()) for r in cur.fetch_arrow_table().to_pylist()]


def test_an_aggregate_equals_duckdb(conn, duck):
    q = ("SELECT l_returnflag, l_linestatus, sum(l_quantity) AS qty, count(*) AS n FROM lineitem "
         "GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus")
    assert _rows(conn, q) == duck.execute(q).fetchall()


def test_every_row_comes_back_from_the_workers(conn, duck):
    """lineitem is split across both workers: every endpoint was read, with the token."""
    q = "SELECT l_orderkey, l_linenumber, l_shipdate FROM lineitem"
    actual = _rows(conn, q)
    assert len(actual) > 100_000
    assert sorted(actual) == sorted(duck.execute(q).fetchall())


def test_a_parameterized_query(conn, duck):
    assert _rows(conn, "SELECT n_name FROM nation WHERE n_nationkey = ?", (7,)) == [("GERMANY",)]
    q = "SELECT n_nationkey, n_name FROM nation WHERE n_regionkey = ? AND n_name <> ? ORDER BY n_nationkey"
    assert _rows(conn, q, (3, "FRANCE")) == duck.execute(q, [3, "FRANCE"]).fetchall()


def test_get_objects_browses_the_catalog(conn):
    objects = conn.adbc_get_objects(depth="all").read_all().to_pylist()
    assert [c["catalog_name"] for c in objects] == ["polaroid"]
    schemas = objects[0]["catalog_db_schemas"]
    assert [s["db_schema_name"] for s in schemas] == ["public"]
    tables = {t["table_name"]: t for t in schemas[0]["db_schema_tables"]}
    assert sorted(tables) == sorted(TABLES)
    assert tables["nation"]["table_type"] == "TABLE"
    assert [c["column_name"] for c in tables["nation"]["table_columns"]] == ["n_nationkey", "n_name", "n_regionkey", "n_comment"]


def test_table_schema(conn, duck):
    schema = conn.adbc_get_table_schema("nation", db_schema_filter="public")
    assert schema.names == ["n_nationkey", "n_name", "n_regionkey", "n_comment"]


def test_an_unknown_table_is_an_error_that_lists_the_tables(conn):
    with pytest.raises(adbc_driver_manager.Error, match="nations") as e:
        _rows(conn, "SELECT * FROM nations")
    assert "lineitem" in str(e.value)


def test_a_syntax_error_says_where(conn):
    with pytest.raises(adbc_driver_manager.Error, match="line 1"):
        _rows(conn, "SELECT n_name FROM nation WHERE")


def test_updates_are_not_supported(conn):
    with pytest.raises(adbc_driver_manager.NotSupportedError):
        with conn.cursor() as cur:
            cur.execute("DELETE FROM nation")


@pytest.mark.parametrize("q", range(1, 23))
def test_official_tpch_text_equals_duckdb(conn, tpch, q):
    """Each text as it is, one script (Q15 creates its view), over the catalog's tables."""
    text = tpch_text(q)
    with conn.cursor() as cur:
        cur.execute(text)
        same_rows(duckdb_answer(tpch[0], text), cur.fetch_arrow_table())

