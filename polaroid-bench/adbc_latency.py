"""make bench: a SELECT 1-class query through ADBC (adbc_driver_flightsql) on the cluster's Flight SQL
port, many times in a row on one connection, with one cursor for all and with a new cursor each time;
prints p50 and p99 (target: p50 <= 10 ms on loopback).
Usage: adbc_latency.py grpc://127.0.0.1:PORT [count]"""
import os
import sys
import time
from pathlib import Path

from adbc_driver_flightsql import dbapi

WARM_UP = 50


def _percentiles(ms):
    ms = sorted(ms[WARM_UP:])
    return ms[len(ms) // 2], ms[int(len(ms) * 0.99)]


def _one_cursor(conn, count):
    ms = []
    with conn.cursor() as cur:
        for _ in range(count + WARM_UP):
            start = time.perf_counter()
            cur.execute("SELECT 1 AS one")
            cur.fetch_arrow_table()
            ms.append((time.perf_counter() - start) * 1000)
    return _percentiles(ms)


def _new_cursors(conn, count):
    ms = []
    for _ in range(count + WARM_UP):
        start = time.perf_counter()
        with conn.cursor() as cur:
            cur.execute("SELECT 1 AS one")
            cur.fetch_arrow_table()
        ms.append((time.perf_counter() - start) * 1000)
    return _percentiles(ms)


def main():
    url = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    token = os.environ.get("POLAROID_TOKEN") or (Path.home() / ".polaroid" / "token").read_text().strip()
    with dbapi.connect(url, db_kwargs={"adbc.flight.sql.authorization_header": "Bearer " + token}, autocommit=True) as conn:
        one = _one_cursor(conn, count)
        new = _new_cursors(conn, count)
    print("\nADBC (Flight SQL) SELECT 1, %d in a row on one connection (target p50 <= 10 ms):" % count)
    print("  one cursor:            p50 %.1f ms, p99 %.1f ms" % one)
    print("  a new cursor each time: p50 %.1f ms, p99 %.1f ms" % new)


if __name__ == "__main__":
    main()
