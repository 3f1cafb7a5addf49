"""Results through the coordinator: ``pl.connect(url, relay=True)`` for a client that reaches only the
coordinator, the same rows as read from the workers; and a client that finds a worker unreachable falls
back to the relay by itself."""
import pyarrow.flight as flight
import pytest

import polaroid as pl
import polaroid.backend as b
from conftest import plain_connect


@pytest.fixture
def restore_backend(monkeypatch):
    """pl.connect chooses the backend of every later query: put the selection back afterwards."""
    for name in ("_mode", "_url", "_backend"):
        monkeypatch.setattr(b, name, getattr(b, name))


def _lineitem(backend, data):
    return pl.scan_parquet(str(data / "lineitem.parquet"), backend=backend) \
        .sort("l_orderkey", "l_linenumber").collect().to_arrow()


def test_connect_with_relay_reads_the_same_table_as_direct(cluster, tpch, restore_backend):
    data, _ = tpch
    relayed = pl.connect(cluster.url, relay=True)
    assert pl.get_backend() is relayed and relayed.relay
    direct = pl.DistributedBackend(cluster.url)
    expected = _lineitem(direct, data)
    got = _lineitem(relayed, data)
    assert got.num_rows == expected.num_rows > 100_000
    assert got.equals(expected)
    assert not direct.relay


def test_relay_endpoints_are_on_the_coordinator_when_asked(cluster):
    client = plain_connect(cluster.url)
    options = flight.FlightCallOptions(headers=[(b.RELAY_HEADER, b"true")])
    info = client.get_flight_info(flight.FlightDescriptor.for_path("nation"), options)
    assert all(ep.locations[0].uri.startswith(b"arrow-flight-reuse-connection") for ep in info.endpoints)
    table = client.do_get(info.endpoints[0].ticket).read_all()  # on the same connection, as the location says
    assert table.num_rows == 25


def test_an_unreachable_worker_turns_the_relay_on(cluster, tpch, monkeypatch):
    """The client's network reaches the coordinator only: every worker location it opens refuses the
    connection, as a worker out of reach does. The first read falls back to the relay, which stays on."""
    data, _ = tpch
    backend = pl.DistributedBackend(cluster.url)
    nobody = plain_connect("grpc://127.0.0.1:1")
    monkeypatch.setattr(backend, "_client_for", lambda location: nobody)
    got = _lineitem(backend, data)
    assert backend.relay
    assert got.equals(_lineitem(pl.DistributedBackend(cluster.url), data))
