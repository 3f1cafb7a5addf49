"""The Python client's targets, on the cluster that make bench started:
  - TPC-H Q1, Q3, Q5, Q6, Q10 through the polaroid package vs the Java SDK on the same cluster
    (the Java times come from the same make bench run);
  - lineitem, all columns, into a pyarrow.Table from the cluster vs a bare pyarrow Flight server
    and client on loopback moving the same table.
Usage: python_bench.py <url> <data folder> <java cluster times json> <runs>
"""
import json
import math
import statistics
import sys
import threading
import time
from pathlib import Path

import pyarrow.flight as flight
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python" / "tests"))
import polaroid as pl  # noqa: E402
from tpch import QUERIES, tables  # noqa: E402


def median_seconds(fn, runs, warmups=3):
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class BareServer(flight.FlightServerBase):
    def __init__(self, table):
        super().__init__("grpc://127.0.0.1:0")
        self.table = table

    def do_get(self, context, ticket):
        return flight.RecordBatchStream(self.table)


def main():
    url, data, java_json, runs = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]), int(sys.argv[4])
    backend = pl.DistributedBackend(url)
    t = tables(data, backend)
    java = {int(k): v for k, v in json.loads(java_json.read_text()).items()}
    print("\nPython package vs Java SDK, same cluster (target: within 10%):")
    print("| query | java s | python s | python/java |")
    print("|---|---|---|---|")
    ratios = []
    for q in sorted(QUERIES):
        seconds = median_seconds(lambda: QUERIES[q](t).collect(), runs)
        ratios.append(seconds / java[q])
        print("| Q%d | %.3f | %.3f | %.2f |" % (q, java[q], seconds, seconds / java[q]))
    print("geomean python/java = %.2f" % math.exp(sum(math.log(r) for r in ratios) / len(ratios)))

    # The cluster and a bare pyarrow Flight server read in turns, three times each after one untimed
    # turn, so that the machine's load touches both alike; each side's median is reported.
    lineitem = str(data / "lineitem.parquet")
    server = BareServer(pq.read_table(lineitem))
    threading.Thread(target=server.serve, daemon=True).start()
    client = flight.connect("grpc://127.0.0.1:%d" % server.port)
    nbytes = 0
    cluster_times, bare_times = [], []
    for turn in range(4):
        start = time.perf_counter()
        table = pl.scan_parquet(lineitem, backend=backend).collect().to_arrow()
        cluster_s = time.perf_counter() - start
        nbytes = table.nbytes
        del table
        start = time.perf_counter()
        client.do_get(flight.Ticket(b"all")).read_all()
        bare_s = time.perf_counter() - start
        if turn > 0:
            cluster_times.append(cluster_s)
            bare_times.append(bare_s)
    server.shutdown()
    cluster_s, bare_s = statistics.median(cluster_times), statistics.median(bare_times)
    print("\nlineitem, all columns, into a pyarrow.Table (%.2f GB), read in turns 3 times each: from the cluster %.2f GB/s"
          " (%.2f s), bare pyarrow Flight on loopback %.2f GB/s (%.2f s): %.0f%% (target >= 60%%)"
          % (nbytes / 1e9, nbytes / cluster_s / 1e9, cluster_s, nbytes / bare_s / 1e9, bare_s, 100 * bare_s / cluster_s))


if __name__ == "__main__":
    main()
