"""A real cluster for the tests: a coordinator and 2 workers as processes (the server's jar), over
TPC-H data made by the Java generator, with the Java local-mode answers to compare with."""
import re
import os
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


class Cluster:
    def __init__(self, data_roots, catalog):
        self.procs = []
        self.logs = WORK / "cluster-logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.port, self.http = _free_port(), _free_port()
        common = ["--polaroid.data.roots=" + ",".join(str(r) for r in data_roots)]
        self._start("coordinator", ["--polaroid.role=coordinator", "--spring.grpc.server.port=%d" % self.port,
                                    "--server.port=%d" % self.http]
                    + ["--polaroid.catalog.%s=%s" % kv for kv in catalog.items()] + common)
        for i in range(2):
            self._start("worker%d" % i, ["--polaroid.role=worker", "--polaroid.worker.coordinator=127.0.0.1:%d" % self.port,
                                         "--spring.grpc.server.port=%d" % _free_port(), "--server.port=%d" % _free_port(),
                                         "--polaroid.engine.threads=1"] + common)
        self._await_workers(2)
        self.url = "grpc://127.0.0.1:%d" % self.port

    def _start(self, name, args):
        log = open(self.logs / (name + ".log"), "wb")
        self.procs.append(subprocess.Popen([JAVA, *JAVA_FLAGS, "-Xmx768m", "-XX:MaxDirectMemorySize=1g",
                                            "-jar", str(JAR), *args], stdout=log, stderr=subprocess.STDOUT))

    def _await_workers(self, n):
        deadline = time.time() + 120
        while time.time() < deadline:
            for p in self.procs:
                if p.poll() is not None:
                    self.stop()
                    raise RuntimeError("a server exited at startup; see %s" % self.logs)
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/actuator/health" % self.http, timeout=2) as r:
                    if re.search(r'"live":%d\b' % n, r.read().decode()):
                        return
            except Exception:  # noqa: still starting
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("the cluster was not ready within 120 s; see %s" % self.logs)

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
    c = Cluster([data], {"lineitem": data / "lineitem.parquet", "nation": data / "nation.parquet"})
    yield c
    c.stop()
