"""SQL as Polars offers it (pl.sql, pl.SQLContext, LazyFrame.sql, DataFrame.sql) on the distributed
backend: the 22 official TPC-H texts equal DuckDB's answers on the same files; the portable backend,
which has no SQL translator, refuses with InvalidOperationError; errors arrive as Polars' SQL errors."""
import pytest

import polaroid as pl
from polaroid import exceptions
from tpch_sql import TABLES, duckdb_answer, same_rows, tpch_text

@pytest.fixture(scope="module")
def context(cluster, tpch):
    data, _ = tpch
    backend = pl.DistributedBackend(cluster.url)
    return pl.SQLContext({t: pl.scan_parquet("%s/%s.parquet" % (data, t), backend=backend) for t in TABLES})


@pytest.mark.parametrize("q", range(1, 23))
def test_official_tpch_text_equals_duckdb(context, tpch, q):
    text = tpch_text(q)
    same_rows(duckdb_answer(tpch[0], text), context.execute(text, eager=True).to_arrow())


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
