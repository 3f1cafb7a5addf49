"""A real cluster for the tests: a coordinator and 2 workers as processes (the server's jar), over
TPC-H data made by the Java generator, with the Java local-mode answers to compare with."""
import hashlib
import re
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "polaroid-server" / "target" / "polaroid-server.jar"
WORK = ROOT / "python" / ".test-work"
JAVA = os.environ.get("JAVA", "java")
JAVA_FLAGS = os.environ.get("POLAROID_JAVA_FLAGS", "--add-opens=java.base/java.nio=ALL-UNNAMED").split()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _java_classpath():
    cp = os.environ.get("POLAROID_TPCH_CP")
    if not cp:
        pytest.fail("POLAROID_TPCH_CP is not set: run the Python tests with make test (it builds the Java side first)")
    return cp


@pytest.fixture(scope="session")
def tpch():
    """The data folder and the Java local-mode results (q<N>.parquet)."""
    data = WORK / "tpch-sf0.05"
    expected = WORK / "expected"
    if not (expected / "q10.parquet").exists():
        shutil.rmtree(expected, ignore_errors=True)
        subprocess.run([JAVA, *JAVA_FLAGS, "-Dsf=0.05", "-cp", _java_classpath(), "io.polaroid.tpch.TpchResults",
                        str(data), str(expected), "1", "3", "5", "6", "10"], check=True)
    return data, expected


def _credentials(folder: Path):
    """A client token (its hash in a tokens file, as an operator writes it) and an internal secret for the
    test cluster; the token is also POLAROID_TOKEN of this process, where the package looks first."""
    token, secret = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    folder.mkdir(parents=True, exist_ok=True)
    tokens = folder / "tokens"
    tokens.write_text("python-tests:%s\n" % hashlib.sha256(token.encode()).hexdigest())
    os.environ["POLAROID_TOKEN"] = token
    return token, ["--polaroid.security.tokens-file=%s" % tokens, "--polaroid.security.internal-secret=%s" % secret]


def plain_connect(location):
    """A plain pyarrow Flight client that sends the test cluster's token, as a user's own code would."""
    import pyarrow.flight as flight

    class Bearer(flight.ClientMiddleware):
        def sending_headers(self):
            return {"authorization": "Bearer " + os.environ["POLAROID_TOKEN"]}

    class Factory(flight.ClientMiddlewareFactory):
        def start_call(self, info):
            return Bearer()

    return flight.connect(location, middleware=[Factory()])


S3_TEST_BUCKET = "polaroid-storage-options"


class Cluster:
    def __init__(self, data_roots, catalog, name="cluster"):
        """``name``: another name than the session's cluster keeps that cluster's logs and credentials apart."""
        self.procs = []
        self.servers = {}  # name -> (process, gRPC port) of each server that started
        self.logs = WORK / ("%s-logs" % name)
        self.logs.mkdir(parents=True, exist_ok=True)
        self.token, security = _credentials(WORK / ("credentials" if name == "cluster" else "%s-credentials" % name))
        common = ["--polaroid.data.roots=" + ",".join(str(r) for r in data_roots)] + security
        try:
            self.port, self.http = self._launch("coordinator", lambda grpc, http: [
                "--polaroid.role=coordinator", "--spring.grpc.server.port=%d" % grpc, "--server.port=%d" % http,
                # the web console as last built (web/dist), straight from disk
                "--spring.web.resources.static-locations=file:%s/,classpath:/static/" % (ROOT / "web" / "dist"),
                # the test data is small: split its queries across the workers all the same, as large data is
                "--polaroid.scheduler.single-task-rows=0"]
                + ["--polaroid.catalog.%s=%s" % kv for kv in catalog.items()] + common)
            for i in range(2):
                self._launch("worker%d" % i, lambda grpc, http: [
                    "--polaroid.role=worker", "--polaroid.worker.coordinator=127.0.0.1:%d" % self.port,
                    "--spring.grpc.server.port=%d" % grpc, "--server.port=%d" % http, "--polaroid.engine.threads=1"]
                    + common)
            self._await_workers(2)
        except BaseException:
            self.stop()
            raise
        self.url = "grpc://127.0.0.1:%d" % self.port

    def _launch(self, name, args_for_ports):
        """Starts a server on two free ports and waits until it has started. Another process can take
        a port between our choosing and the server binding it; the server then exits, and is started
        again on other ports."""
        log_path = self.logs / (name + ".log")
        for attempt in range(3):
            grpc, http = _free_port(), _free_port()
            with open(log_path, "wb") as log:
                p = subprocess.Popen([JAVA, *JAVA_FLAGS, "-Xmx768m", "-XX:MaxDirectMemorySize=1g", "-jar", str(JAR),
                                      *args_for_ports(grpc, http)], stdout=log, stderr=subprocess.STDOUT)
            self.procs.append(p)
            deadline = time.time() + 120
            while time.time() < deadline:
                if b"Started PolaroidServer" in log_path.read_bytes():
                    self.servers[name] = (p, grpc)
                    return grpc, http
                if p.poll() is not None:
                    break
                time.sleep(0.2)
            else:
                raise RuntimeError("the %s did not start within 120 s; see %s" % (name, log_path))
            log_path.rename(self.logs / ("%s.failed-%d.log" % (name, attempt + 1)))
        raise RuntimeError("the %s did not start in 3 attempts; see %s" % (name, self.logs))

    def _await_workers(self, n):
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/actuator/health" % self.http, timeout=2) as r:
                    if re.search(r'"live":%d\b' % n, r.read().decode()):
                        return
            except Exception:  # noqa: still starting
                pass
            time.sleep(0.3)
        raise RuntimeError("%d workers did not register within 120 s; see %s" % (n, self.logs))

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture(scope="session")
def cluster(tpch):
    if not JAR.exists():
        pytest.fail("%s is missing: run make test (it builds it)" % JAR)
    data, _ = tpch
    # the bucket test_storage_options reads with its own storage options, from a moto server on loopback
    c = Cluster([data, "s3://%s/" % S3_TEST_BUCKET],
                {t: data / ("%s.parquet" % t) for t in ("lineitem", "orders", "customer", "part", "partsupp", "supplier",
                                                         "nation", "region")})
    yield c
    c.stop()


@pytest.fixture(scope="session")
def mixed_frame(tpch):
    """Keys with nulls, values with nulls, NaN and ties, a date, in a row order that is not sorted
    (ids are a permutation); under the cluster's data root."""
    import math

    import pyarrow as pa
    import pyarrow.parquet as pq
    path = tpch[0] / "mixed" / "frame.parquet"
    path.parent.mkdir(exist_ok=True)
    n = 200
    pq.write_table(pa.table({
        "id": pa.array([(i * 37) % n for i in range(n)], pa.int64()),
        "k": pa.array([None if i % 11 == 0 else "k%d" % (i % 5) for i in range(n)], pa.string()),
        "x": pa.array([None if i % 7 == 0 else (i * 13) % 17 for i in range(n)], pa.int64()),
        "f": pa.array([None if i % 9 == 0 else math.nan if i % 10 == 0 else ((i * 7) % 23) / 4 for i in range(n)],
                      pa.float64()),
        "d": pa.array([10000 + (i * 3) % 50 for i in range(n)], pa.int32()).cast(pa.date32()),
    }), path)
    return str(path)
