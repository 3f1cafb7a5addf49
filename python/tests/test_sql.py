"""SQL as Polars offers it (pl.sql, pl.SQLContext, LazyFrame.sql, DataFrame.sql) on the distributed
backend: the 22 official TPC-H texts equal DuckDB's answers on the same files; the portable backend,
which has no SQL translator, refuses with InvalidOperationError; errors arrive as Polars' SQL errors."""
import math
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

import polaroid as pl
from polaroid import exceptions

TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]


def _tpch_text(q: int) -> str:
    """The official query text from the tpch jar the Java side uses, unmodified."""
    jar = next(p for p in os.environ["POLAROID_TPCH_CP"].split(":") if Path(p).name.startswith("tpch-") and p.endswith(".jar"))
    with zipfile.ZipFile(jar) as z:
        return z.read("io/trino/tpch/queries/q%d.sql" % q).decode()


def _duckdb_answer(data: Path, text: str) -> list:
    con = duckdb.connect()
    for t in TABLES:
        con.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s/%s.parquet')" % (t, data, t))
    statements = [s for s in re.sub(r"--[^\n]*", "", text).split(";") if s.strip()]
    for s in statements[:-1]:
        con.execute(s)
    return con.execute(statements[-1]).fetchall()


def _same_rows(expected: list, actual: pa.Table):
    rows = [tuple(r.values()) for r in actual.to_pylist()]
    assert len(rows) == len(expected)
    for i, (e, a) in enumerate(zip(expected, rows)):
        assert len(e) == len(a), (i, e, a)
        for x, y in zip(e, a):
            if isinstance(x, (float, Decimal)) or isinstance(y, (float, Decimal)):
                assert math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-6), (i, e, a)
            else:
                assert x == y, (i, e, a)


@pytest.fixture(scope="module")
def context(cluster, tpch):
    data, _ = tpch
    backend = pl.DistributedBackend(cluster.url)
    return pl.SQLContext({t: pl.scan_parquet("%s/%s.parquet" % (data, t), backend=backend) for t in TABLES})


@pytest.mark.parametrize("q", range(1, 23))
def test_official_tpch_text_equals_duckdb(context, tpch, q):
    text = _tpch_text(q)
    _same_rows(_duckdb_answer(tpch[0], text), context.execute(text, eager=True).to_arrow())


def test_pl_sql_reads_the_callers_frames(cluster, tpch):
    data, _ = tpch
    backend = pl.DistributedBackend(cluster.url)
    nation = pl.scan_parquet("%s/nation.parquet" % data, backend=backend)
    region = pl.scan_parquet("%s/region.parquet" % data, backend=backend).collect()
    out = pl.sql("SELECT r_name, count(*) AS n FROM nation JOIN region ON n_regionkey = r_regionkey"
                 " GROUP BY r_name ORDER BY r_name", eager=True)
    assert out.to_dict(as_series=False) == {"r_name": ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"],
                                            "n": [5, 5, 5, 5, 5]}
    lazy = pl.sql("SELECT n_name FROM nation WHERE n_nationkey < 2 ORDER BY n_name")
    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.collect()["n_name"].to_list() == ["ALGERIA", "ARGENTINA"]
    assert region is not None


def test_frame_sql_names_the_frame_self(cluster, tpch):
    data, _ = tpch
    backend = pl.DistributedBackend(cluster.url)
    nation = pl.scan_parquet("%s/nation.parquet" % data, backend=backend)
    lazy = nation.sql("SELECT n_regionkey, count(*) AS n FROM self GROUP BY n_regionkey ORDER BY n_regionkey")
    assert lazy.collect()["n"].to_list() == [5] * 5
    named = nation.sql("SELECT max(n_nationkey) AS m FROM nations", table_name="nations").collect()
    assert named["m"].to_list() == [24]
    eager = nation.collect().sql("SELECT count(*) AS c FROM self")
    assert eager["c"].to_list() == [25]


def test_sql_context_registers_and_forgets(cluster, tpch):
    data, _ = tpch
    backend = pl.DistributedBackend(cluster.url)
    with pl.SQLContext(eager=True) as ctx:
        ctx.register("n", pl.scan_parquet("%s/nation.parquet" % data, backend=backend))
        ctx.register_many(r=pl.scan_parquet("%s/region.parquet" % data, backend=backend))
        assert ctx.tables() == ["n", "r"]
        assert ctx.execute("SELECT count(*) AS c FROM n")["c"].to_list() == [25]
        assert isinstance(ctx.execute("SELECT * FROM r", eager=False), pl.LazyFrame)
        ctx.unregister("r")
        assert ctx.tables() == ["n"]
        with pytest.raises(exceptions.PolaroidError, match="'r' not found; the tables are"):
            ctx.execute("SELECT * FROM r")


def test_sql_errors_are_polars_sql_errors(context):
    with pytest.raises(exceptions.SQLSyntaxError, match="line 1, column"):
        context.execute("SELECT FROM WHERE", eager=True)
    with pytest.raises(exceptions.SQLInterfaceError, match="INSERT"):
        context.execute("INSERT INTO nation VALUES (1)", eager=True)
    with pytest.raises(exceptions.ColumnNotFoundError, match="'n_nam' not found"):
        context.execute("SELECT n_nam FROM nation", eager=True)


def test_the_portable_backend_has_no_sql(tpch):
    data, _ = tpch
    nation = pl.scan_parquet("%s/nation.parquet" % data, backend=pl.PortableBackend())
    with pytest.raises(exceptions.InvalidOperationError, match="sql"):
        nation.sql("SELECT * FROM self").collect()
