#!/usr/bin/env bash
# make bench: TPC-H at scale factor $SF in Polaroid (local and on a 2-worker cluster), DuckDB and
# (when Python can install it) Polars; then the Python package on the same cluster.
# Usage: bench.sh "<java command with flags>" <classpath>
set -euo pipefail
JAVA_CMD=$1
CP=$2
SF=${SF:-1}
RUNS=${RUNS:-5}
DATA=data/tpch-sf$SF
OUT=bench-results
mkdir -p "$OUT"

$JAVA_CMD -Xmx4g -cp "$CP" io.polaroid.tpch.TpchGenerator "$SF" "$DATA"

POLARS_JSON=""
if command -v python3 >/dev/null 2>&1; then
  if [ ! -x .venv-bench/bin/python ]; then
    echo "setting up Polars in .venv-bench (once)"
    python3 -m venv .venv-bench && .venv-bench/bin/pip install -q polars || rm -rf .venv-bench
  fi
  if [ -x .venv-bench/bin/python ]; then
    if POLARS_MAX_THREADS=2 .venv-bench/bin/python polaroid-bench/polars_tpch.py "$DATA" "$OUT/polars-sf$SF.json" "$RUNS"; then
      POLARS_JSON="$OUT/polars-sf$SF.json"
    else
      echo "Polars run failed; the table will have no Polars column"
    fi
  fi
fi

# The cluster column: a coordinator and 2 workers as processes on this machine (CLUSTER=0: none).
CLUSTER_URL=""
if [ "${CLUSTER:-1}" = 1 ]; then
  JAVA_CMD="$JAVA_CMD" DATA_ROOTS="$PWD/data" ./scripts/cluster.sh start
  trap './scripts/cluster.sh stop' EXIT
  CLUSTER_URL=grpc://127.0.0.1:${PORT:-50052}
fi

$JAVA_CMD -Xmx4g -XX:MaxDirectMemorySize=4g -Dpolaroid.threads=2 -cp "$CP" io.polaroid.bench.Benchmark \
  --sf "$SF" --data "$DATA" --runs "$RUNS" --out "$OUT" ${POLARS_JSON:+--polars "$POLARS_JSON"} \
  ${CLUSTER_URL:+--cluster "$CLUSTER_URL"}

# SIMD decoding off and on in one JVM, alternating run by run (without SIMD's flags: a line saying so).
$JAVA_CMD -Xmx4g -XX:MaxDirectMemorySize=4g -Dpolaroid.threads=2 -cp "$CP" io.polaroid.bench.SimdBench "$DATA" "$RUNS" \
  || echo "the SIMD bench failed"

# The Python package on the same cluster, beside the Java SDK's times from the run above.
if [ -n "$CLUSTER_URL" ] && [ -x .venv-bench/bin/python ]; then
  .venv-bench/bin/pip install -q ./python && \
    .venv-bench/bin/python polaroid-bench/python_bench.py "$CLUSTER_URL" "$DATA" "$OUT/cluster-java-sf$SF.json" "$RUNS" \
    || echo "the Python bench failed"
fi

# A SELECT 1 through ADBC on the same cluster's Flight SQL port.
if [ -n "$CLUSTER_URL" ] && [ -x .venv-bench/bin/python ]; then
  .venv-bench/bin/pip install -q adbc_driver_flightsql adbc_driver_manager && \
    .venv-bench/bin/python polaroid-bench/adbc_latency.py "$CLUSTER_URL" 500 || echo "the ADBC latency bench failed"
fi

# What security costs: the same cluster with authentication off, on, and on with TLS, one after
# another in this run (SECURITY=0 skips it).
if [ -n "$CLUSTER_URL" ] && [ "${SECURITY:-1}" = 1 ]; then
  SF="$SF" ./polaroid-bench/security-bench.sh "$JAVA_CMD" "$CP" "$CLUSTER_URL"
fi
