"""The web console in a real browser (headless Chromium) against the session's cluster:
web/e2e/console.e2e.mjs signs in, runs a TPC-H query from SQL and from the Builder and compares the
Arrow table the page holds with DuckDB's answer over the same Parquet files, streams 1,000,000 rows
into the virtualized table, cancels a long query from the Queries view, and checks the error, Workers,
Catalog and login paths. The cluster serves web/dist (make builds it) straight from disk."""
import datetime
import json
import os
import shutil
import subprocess
from decimal import Decimal

import duckdb
import pytest

from conftest import ROOT, WORK

CHROMIUM = "/usr/bin/chromium"
WEB = ROOT / "web"
E2E = WEB / "e2e" / "console.e2e.mjs"
TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]

# TPC-H Q1 (without the averages of price and discount), in SQL and in the builder's JavaScript
TPCH_SQL = """SELECT l_returnflag, l_linestatus,
       sum(l_quantity) AS sum_qty,
       sum(l_extendedprice) AS sum_base_price,
       sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
       avg(l_quantity) AS avg_qty,
       count(*) AS count_order
FROM lineitem
WHERE l_shipdate <= DATE '1998-09-02'
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus"""
TPCH_BUILDER = """pl.scanTable("lineitem")
  .filter(pl.col("l_shipdate").le(pl.date(1998, 9, 2)))
  .groupBy("l_returnflag", "l_linestatus")
  .agg(
    pl.col("l_quantity").sum().alias("sum_qty"),
    pl.col("l_extendedprice").sum().alias("sum_base_price"),
    pl.col("l_extendedprice").mul(pl.lit(1).sub(pl.col("l_discount"))).sum().alias("sum_disc_price"),
    pl.col("l_quantity").mean().alias("avg_qty"),
    pl.len().alias("count_order"))
  .sort("l_returnflag", "l_linestatus")"""
BIG_COLUMNS = ["l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice",
               "l_discount", "l_shipdate"]
BIG_SQL = "SELECT %s FROM lineitem CROSS JOIN region LIMIT 1000000" % ", ".join(BIG_COLUMNS)
# minutes of work at SF 0.05: every pair of lineitem rows of the same line number, counted
LONG_SQL = "SELECT count(*) FROM lineitem a JOIN lineitem b ON a.l_linenumber = b.l_linenumber WHERE a.l_quantity + b.l_quantity < 0"
BAD_SQL = "SELECT n_name,, n_regionkey FROM nation"


def _tools():
    node = shutil.which("node")
    missing = [name for name, ok in (("node", node), (CHROMIUM, os.path.exists(CHROMIUM))) if not ok]
    if missing:
        message = "the console's browser test needs %s" % " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    for need, how in ((WEB / "node_modules" / "playwright-core", "cd web && npm ci"),
                      (WEB / "dist" / "index.html", "cd web && npm run build")):
        if not need.exists():
            pytest.fail("%s is missing: run %s (make does)" % (need, how))
    return node


def _plain(v):
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat(sep=" ") if isinstance(v, datetime.datetime) else v.isoformat()
    return v


def _expected(data):
    con = duckdb.connect()
    for t in TABLES:
        con.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s')" % (t, data / ("%s.parquet" % t)))
    cur = con.execute(TPCH_SQL)
    columns = [d[0] for d in cur.description]
    rows = [[_plain(v) for v in r] for r in cur.fetchall()]
    big_rows = con.execute("SELECT count(*) FROM (%s)" % BIG_SQL).fetchone()[0]
    # a query whose last rows fail a strict cast: its stream has begun when it fails
    last_order = con.execute("SELECT max(l_orderkey) FROM lineitem").fetchone()[0]
    mid_stream = ("SELECT l_comment, CAST(CASE WHEN l_orderkey = %d THEN 'x' ELSE '1' END AS INTEGER) AS v FROM lineitem"
                  % last_order)
    return {
        "queries": {
            "tpch": {"sql": TPCH_SQL, "builder": TPCH_BUILDER, "columns": columns, "rows": rows},
            "big": {"sql": BIG_SQL, "rows": big_rows, "columns": BIG_COLUMNS},
            "long": {"sql": LONG_SQL},
            "bad": {"sql": BAD_SQL},
            "midStream": {"sql": mid_stream, "rows": con.execute("SELECT count(*) FROM lineitem").fetchone()[0],
                          "error": '"x"'},
        },
        "workers": 2,
        "tables": TABLES,
    }


def test_console_in_a_browser(cluster, tpch):
    node = _tools()
    data, _ = tpch
    expected = _expected(data)
    assert expected["queries"]["big"]["rows"] == 1_000_000
    folder = WORK / "console-e2e"
    folder.mkdir(parents=True, exist_ok=True)
    answers = folder / "expected.json"
    answers.write_text(json.dumps(expected, indent=1))
    downloads = folder / "downloads"
    shutil.rmtree(downloads, ignore_errors=True)
    env = dict(os.environ, POLAROID_HTTP="http://127.0.0.1:%d" % cluster.http, POLAROID_TOKEN=cluster.token,
               E2E_EXPECTED=str(answers), E2E_SCREENS=os.environ.get("E2E_SCREENS", str(WEB / "e2e-screens")),
               E2E_DOWNLOADS=str(downloads))
    try:
        p = subprocess.run([node, str(E2E)], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired as e:
        pytest.fail("the browser test did not finish in 300 s:\n%s" % (e.stderr or ""))
    print(p.stderr)
    lines = [line for line in p.stdout.splitlines() if line.startswith("{")]
    measured = json.loads(lines[-1]) if lines else {}
    print("console e2e:", json.dumps({k: v for k, v in measured.items() if k != "screens"}))
    assert p.returncode == 0, "the browser test failed: %s\n%s" % (measured.get("error"), p.stderr[-4000:])
    _check_downloads(downloads, expected["queries"]["tpch"])


def _check_downloads(folder, tpch):
    """The files the page wrote for the TPC-H result, read by DuckDB: the Parquet written in the page
    (hyparquet-writer), the CSV and the Arrow IPC stream hold the rows DuckDB answered."""
    con = duckdb.connect()
    for name, reader in (("tpch.parquet", "read_parquet"), ("tpch.csv", "read_csv")):
        cur = con.execute("SELECT * FROM %s('%s')" % (reader, folder / name))
        assert [d[0] for d in cur.description] == tpch["columns"], name
        _same_rows([[_plain(v) for v in r] for r in cur.fetchall()], tpch["rows"], name)
    import pyarrow as pa
    with pa.ipc.open_stream((folder / "tpch.arrow").read_bytes()) as reader:
        table = reader.read_all()
    assert table.column_names == tpch["columns"]
    _same_rows([[_plain(v) for v in r.values()] for r in table.to_pylist()], tpch["rows"], "tpch.arrow")


def _same_rows(actual, expected, what):
    assert len(actual) == len(expected), what
    for a, e in zip(actual, expected):
        for x, y in zip(a, e):
            if isinstance(y, float) or isinstance(x, float):
                assert x == pytest.approx(y, rel=1e-9), (what, a, e)
            else:
                assert x == y, (what, a, e)
