"""The official TPC-H query texts (from the tpch jar the Java side uses) and DuckDB's answers to them on
the same files: the oracle of the SQL tests, whichever door (pl.sql, ADBC) the query comes through."""
import math
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa

TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]


def tpch_text(q: int) -> str:
    """The official query text from the tpch jar the Java side uses, unmodified."""
    jar = next(p for p in os.environ["POLAROID_TPCH_CP"].split(":") if Path(p).name.startswith("tpch-") and p.endswith(".jar"))
    with zipfile.ZipFile(jar) as z:
        return z.read("io/trino/tpch/queries/q%d.sql" % q).decode()


def duckdb_answer(data: Path, text: str) -> list:
    con = duckdb.connect()
    for t in TABLES:
        con.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s/%s.parquet')" % (t, data, t))
    statements = [s for s in re.sub(r"--[^\n]*", "", text).split(";") if s.strip()]
    for s in statements[:-1]:
        con.execute(s)
    return con.execute(statements[-1]).fetchall()


def same_rows(expected: list, actual: pa.Table):
    rows = [tuple(r.values()) for r in actual.to_pylist()]
    assert len(rows) == len(expected)
    for i, (e, a) in enumerate(zip(expected, rows)):
        assert len(e) == len(a), (i, e, a)
        for x, y in zip(e, a):
            if isinstance(x, (float, Decimal)) or isinstance(y, (float, Decimal)):
                assert math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-6), (i, e, a)
            else:
                assert x == y, (i, e, a)
