"""The distributed backend proves every result partition whole, against real pyarrow Flight servers
on loopback: a stream that breaks once is read again from the same partition without losing or
repeating a row, and one that ends with other rows than its worker reported is an error."""
import json
import threading

import pyarrow as pa
import pyarrow.flight as flight
import pytest

from polaroid.backend import PolaroidError, _read_endpoint

TABLE = pa.table({"k": pa.array(range(10_000), pa.int64())})


class Partitions(flight.FlightServerBase):
    """Serves TABLE in 10 batches; the first ``breaks`` streams fail after 3 batches; ``short`` drops
    the last batch from every stream."""

    def __init__(self, breaks=0, short=False):
        super().__init__("grpc://127.0.0.1:0")
        self.breaks, self.short, self.calls = breaks, short, 0
        self.lock = threading.Lock()

    def do_get(self, context, ticket):
        with self.lock:
            self.calls += 1
            broken = self.calls <= self.breaks
        batches = TABLE.to_batches(max_chunksize=1_000)
        if self.short:
            batches = batches[:-1]

        def stream():
            for i, b in enumerate(batches):
                if broken and i == 3:
                    raise flight.FlightUnavailableError("connection reset")
                yield b
        return flight.GeneratorStream(TABLE.schema, stream())


def endpoint(server, rows):
    location = flight.Location.for_grpc_tcp("127.0.0.1", server.port)
    return flight.FlightEndpoint(b"t", [location], app_metadata=json.dumps({"rows": rows, "bytes": 0}).encode())


def test_a_stream_that_breaks_once_is_read_again_without_losing_or_repeating_a_row():
    with Partitions(breaks=1) as server, flight.connect(("127.0.0.1", server.port)) as client:
        table = _read_endpoint(client, endpoint(server, TABLE.num_rows))
        assert table.equals(TABLE)
        assert server.calls == 2


def test_a_stream_that_keeps_breaking_fails():
    with Partitions(breaks=100) as server, flight.connect(("127.0.0.1", server.port)) as client:
        with pytest.raises(pa.ArrowException):
            _read_endpoint(client, endpoint(server, TABLE.num_rows))


def test_a_partition_with_fewer_rows_than_its_worker_reported_is_an_error():
    with Partitions(short=True) as server, flight.connect(("127.0.0.1", server.port)) as client:
        with pytest.raises(PolaroidError, match="ended after 9000 of its 10000 rows"):
            _read_endpoint(client, endpoint(server, TABLE.num_rows))


class TlsCluster(flight.FlightServerBase):
    """A stand-in coordinator and worker in one, serving TLS: its endpoint points back at itself."""

    def __init__(self, cert, key):
        super().__init__("grpc+tls://127.0.0.1:0", tls_certificates=[flight.CertKeyPair(cert, key)])
        self.headers = []

    def get_flight_info(self, context, descriptor):
        location = flight.Location.for_grpc_tls("127.0.0.1", self.port)
        meta = json.dumps({"rows": TABLE.num_rows, "bytes": 0}).encode()
        return flight.FlightInfo(TABLE.schema, descriptor, [flight.FlightEndpoint(b"t", [location], app_metadata=meta)],
                                 TABLE.num_rows, -1)

    def do_get(self, context, ticket):
        return flight.RecordBatchStream(TABLE)


def test_a_tls_cluster_is_read_with_the_ca_from_polaroid_tls_ca(tmp_path, monkeypatch):
    import subprocess
    from polaroid.backend import DistributedBackend
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    monkeypatch.setenv("POLAROID_TLS_CA", str(cert))
    monkeypatch.setenv("POLAROID_TOKEN", "t")

    class Frame:
        def to_json(self):
            return "{}"

    with TlsCluster(cert.read_bytes(), key.read_bytes()) as server:
        table = DistributedBackend("grpc+tls://127.0.0.1:%d" % server.port).execute(Frame())
        assert table.equals(TABLE)
