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
