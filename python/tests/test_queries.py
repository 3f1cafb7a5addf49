"""TPC-H Q1, Q3, Q5, Q6 and Q10 through the package's distributed backend, its portable backend and
plain pyarrow.flight: every answer equals the Java local-mode answer (itself checked against DuckDB)."""
import math
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pyarrow as pa
import pyarrow.flight as flight
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from tpch import QUERIES, tables
from conftest import plain_connect


def _same(expected: pa.Table, actual: pa.Table):
    assert actual.column_names == expected.column_names
    assert actual.num_rows == expected.num_rows
    for name in expected.column_names:
        for i, (e, a) in enumerate(zip(expected.column(name).to_pylist(), actual.column(name).to_pylist())):
            if isinstance(e, (float, Decimal)) or isinstance(a, (float, Decimal)):
                assert math.isclose(float(a), float(e), rel_tol=1e-9, abs_tol=1e-6), (name, i, e, a)
            else:
                assert a == e, (name, i, e, a)


@pytest.mark.parametrize("q", sorted(QUERIES))
def test_distributed_backend(cluster, tpch, q):
    data, expected = tpch
    backend = pl.DistributedBackend(cluster.url)
    actual = QUERIES[q](tables(data, backend)).collect().to_arrow()
    _same(pq.read_table(expected / ("q%d.parquet" % q)), actual)


@pytest.mark.parametrize("q", sorted(QUERIES))
def test_portable_backend(tpch, q):
    data, expected = tpch
    actual = QUERIES[q](tables(data, pl.PortableBackend())).collect().to_arrow()
    _same(pq.read_table(expected / ("q%d.parquet" % q)), actual)


@pytest.mark.parametrize("q", sorted(QUERIES))
def test_plain_pyarrow_flight(cluster, tpch, q):
    data, expected = tpch
    plan_json = QUERIES[q](tables(data)).to_json()
    client = plain_connect(cluster.url)
    info = client.get_flight_info(flight.FlightDescriptor.for_command(plan_json))
    with ThreadPoolExecutor() as pool:
        parts = list(pool.map(lambda ep: plain_connect(ep.locations[0]).do_get(ep.ticket).read_all(), info.endpoints))
    _same(pq.read_table(expected / ("q%d.parquet" % q)), pa.concat_tables(parts))


def _chains(lib, n):
    """An and() and an or() of n terms, built one term at a time as a program builds them in a loop."""
    key = lib.col("o_orderkey")
    conjunction, disjunction = key > 0, key == 1
    for i in range(1, n):
        conjunction = conjunction & (key != -i)
        disjunction = disjunction | (key == i * 7)
    return conjunction, disjunction


def _key_sum(lib, source, predicate):
    return source.filter(predicate).select(lib.col("o_orderkey").sum().alias("s"))


def test_chained_and_or_give_polars_answer_on_both_backends(cluster, tpch):
    import polars
    path = str(tpch[0] / "orders.parquet")
    # 300 terms: Polars itself plans a chain superlinearly (1,000 terms take it seconds).
    for ours, theirs in zip(_chains(pl, 300), _chains(polars, 300)):
        expected = _key_sum(polars, polars.scan_parquet(path), theirs).collect().to_arrow().to_pylist()
        for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
            actual = _key_sum(pl, pl.scan_parquet(path, backend=backend), ours).collect().to_arrow()
            assert actual.to_pylist() == expected, backend


def test_ten_thousand_chained_and_or_run_on_both_backends(cluster, tpch):
    import pyarrow.compute as pc
    n = 10_000
    path = str(tpch[0] / "orders.parquet")
    keys = pq.read_table(path, columns=["o_orderkey"]).column(0)
    expected = [pc.sum(pc.filter(keys, pc.greater(keys, 0))).as_py(),
                pc.sum(pc.filter(keys, pc.is_in(keys, pa.array([1] + [7 * i for i in range(1, n)])))).as_py()]
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        for predicate, want in zip(_chains(pl, n), expected):
            actual = _key_sum(pl, pl.scan_parquet(path, backend=backend), predicate).collect().to_arrow()
            assert actual.column("s").to_pylist() == [want], backend
