"""A worker killed (kill -9) while a client reads its part of the result, on a cluster of its own: the
read fails with an error instead of hanging or ending short, and the cluster answers the next query
from the package on the worker left, as the portable backend does."""
import os
import time

import pyarrow as pa
import pyarrow.flight as flight
import pytest

import polaroid as pl
from conftest import Cluster, plain_connect


@pytest.fixture()
def own_cluster(tpch):
    """A cluster for this test alone; its token is POLAROID_TOKEN only while the test runs."""
    data, _ = tpch
    session_token = os.environ.get("POLAROID_TOKEN")
    try:
        c = Cluster([data], {}, name="worker-loss")
        try:
            yield c
        finally:
            c.stop()
    finally:
        if session_token is None:
            os.environ.pop("POLAROID_TOKEN", None)
        else:
            os.environ["POLAROID_TOKEN"] = session_token


def _worker_at(cluster, location):
    port = int(location.uri.decode().rsplit(":", 1)[1])
    return next(p for name, (p, grpc) in cluster.servers.items() if name.startswith("worker") and grpc == port)


def test_a_worker_killed_mid_stream_fails_the_read_and_the_next_query_runs_on_the_worker_left(own_cluster, tpch):
    data, _ = tpch
    lineitem = str(data / "lineitem.parquet")
    # several times lineitem: far more than a worker's streamed-result buffer, so the kill lands mid-stream
    big = pl.concat([pl.scan_parquet(lineitem)] * 6)
    info = plain_connect(own_cluster.url).get_flight_info(flight.FlightDescriptor.for_command(big.to_json()))
    endpoint = info.endpoints[0]
    reader = plain_connect(endpoint.locations[0]).do_get(endpoint.ticket)
    first = reader.read_chunk().data.num_rows
    assert first > 0

    victim = _worker_at(own_cluster, endpoint.locations[0])
    victim.kill()
    victim.wait(timeout=10)
    start = time.monotonic()
    with pytest.raises(pa.ArrowException):
        while True:
            reader.read_chunk()  # a read that ends as if whole raises StopIteration, which fails the test
    assert time.monotonic() - start < 30, "the read hung after its worker died"

    backend = pl.DistributedBackend(own_cluster.url)
    query = pl.scan_parquet(lineitem, backend=backend).group_by("l_returnflag", "l_linestatus") \
        .agg(pl.len().alias("lines"), pl.col("l_quantity").sum().alias("quantity")).sort("l_returnflag", "l_linestatus")
    on_one_worker = query.collect()
    portable = pl.scan_parquet(lineitem, backend=pl.PortableBackend()).group_by("l_returnflag", "l_linestatus") \
        .agg(pl.len().alias("lines"), pl.col("l_quantity").sum().alias("quantity")).sort("l_returnflag", "l_linestatus") \
        .collect()
    assert on_one_worker.to_arrow().to_pylist() == portable.to_arrow().to_pylist()
