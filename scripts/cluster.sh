#!/usr/bin/env bash
# A Polaroid cluster on this machine: a coordinator and N workers as separate JVMs on loopback.
#   scripts/cluster.sh start   start them (logs and pids in logs/cluster/), wait until ready
#   scripts/cluster.sh stop    stop the processes this script started
#   scripts/cluster.sh serve   start, then keep serving until Ctrl-C
# Environment: JAVA_CMD (java and its flags), WORKERS (2), PORT (50052), HTTP_PORT (8080),
# DATA_ROOTS (./data), WORKER_THREADS (cores / workers), WORKER_SLOTS (1), COORDINATOR_ARGS, WORKER_ARGS (extra flags),
# SERVER_JVM_OPTS (heap, direct memory and collector of every server JVM), SECURITY_DIR (~/.polaroid: the
# cluster's internal secret, made here if missing, and the client token the coordinator generates),
# SERVER_JAR (the server's jar: a copy keeps a running cluster apart from a rebuild),
# COORDINATOR_JVM_OPTS (the coordinator's own, after SERVER_JVM_OPTS; see below).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_CMD=${JAVA_CMD:-java --add-opens=java.base/java.nio=ALL-UNNAMED}
WORKERS=${WORKERS:-2}
PORT=${PORT:-50052}
HTTP_PORT=${HTTP_PORT:-8080}
DATA_ROOTS=${DATA_ROOTS:-$PWD/data}
CORES=$(nproc 2>/dev/null || echo 2)
WORKER_THREADS=${WORKER_THREADS:-$(( CORES / WORKERS > 0 ? CORES / WORKERS : 1 ))}
JAR=${SERVER_JAR:-polaroid-server/target/polaroid-server.jar}
SECURITY_DIR=${SECURITY_DIR:-$HOME/.polaroid}
LOGS=logs/cluster

# The throughput collector: G1's concurrent threads, in three JVMs sharing a small machine, take
# CPU from the engine's threads. Measured on 2 cores: TPC-H queries 10-28% faster on the cluster.
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:--Xmx2g -XX:MaxDirectMemorySize=2g -XX:+UseParallelGC}

# The coordinator plans, schedules and answers calls: code run a few times per query, which C2 goes
# on compiling for thousands of queries. Where it shares a small machine with the workers,
# COORDINATOR_JVM_OPTS=-XX:TieredStopAtLevel=1 (C1 alone) halves its CPU: on 2 cores TPC-H SF1 ran
# 4-6% faster on the cluster, but a tiny query's p50 settled about 0.6 ms higher (3.9 against
# 3.3 ms), so C2 stays the default.
COORDINATOR_JVM_OPTS=${COORDINATOR_JVM_OPTS:-}

start_one() { # name, args...
  local name=$1; shift
  local own=""
  if [ "$name" = coordinator ]; then own=$COORDINATOR_JVM_OPTS; fi
  # shellcheck disable=SC2086
  nohup $JAVA_CMD $SERVER_JVM_OPTS $own -jar "$JAR" --polaroid.data.roots="$DATA_ROOTS" "$@" \
    >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$LOGS/$name.pid"
}

# The secret every server of the cluster shares, made once, readable only by this user; the
# coordinator makes the client token itself (and logs where), the workers are given the secret.
ensure_secret() {
  if [ ! -s "$SECURITY_DIR/internal-secret" ]; then
    (umask 077; mkdir -p "$SECURITY_DIR"; head -c 32 /dev/urandom | base64 | tr -d '\n=' >"$SECURITY_DIR/internal-secret")
  fi
}

start() {
  [ -f "$JAR" ] || { echo "no $JAR: run make build first" >&2; exit 1; }
  mkdir -p "$LOGS"
  stop quiet
  ensure_secret
  local security="--polaroid.security.internal-secret-file=$SECURITY_DIR/internal-secret"
  # shellcheck disable=SC2086
  start_one coordinator --polaroid.role=coordinator --spring.grpc.server.port="$PORT" --server.port="$HTTP_PORT" \
    "$security" --polaroid.security.client-token-file="$SECURITY_DIR/token" ${COORDINATOR_ARGS:-}
  for i in $(seq 1 "$WORKERS"); do
    start_one "worker$i" --polaroid.role=worker --polaroid.worker.coordinator="127.0.0.1:$PORT" \
      --spring.grpc.server.port=$((50059 + i)) --server.port=$((HTTP_PORT + i)) \
      --polaroid.engine.threads="$WORKER_THREADS" --polaroid.worker.slots="${WORKER_SLOTS:-1}" "$security" ${WORKER_ARGS:-}
  done
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" >/dev/null 2>&1 \
       && [ "$(curl -s "http://127.0.0.1:$HTTP_PORT/actuator/health" | grep -o '"live":[0-9]*' | cut -d: -f2)" = "$WORKERS" ]; then
      echo "cluster ready: coordinator grpc://127.0.0.1:$PORT, $WORKERS workers, logs in $LOGS/"
      echo "client token in $SECURITY_DIR/token (the SDKs read it there): export POLAROID_TOKEN=\$(cat $SECURITY_DIR/token)"
      echo "web console: http://127.0.0.1:$HTTP_PORT/ (sign in with that token)"
      return 0
    fi
    for f in "$LOGS"/*.pid; do
      kill -0 "$(cat "$f")" 2>/dev/null || { echo "$(basename "$f" .pid) exited; see $LOGS/" >&2; stop quiet; exit 1; }
    done
    sleep 0.5
  done
  echo "cluster not ready after 120 s; see $LOGS/" >&2
  stop quiet
  exit 1
}

stop() {
  for f in "$LOGS"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  [ "${1:-}" = quiet ] || echo "cluster stopped"
}

serve() {
  trap 'echo; stop; exit 0' INT TERM
  while true; do
    for f in "$LOGS"/*.pid; do
      [ -f "$f" ] || { echo "the cluster was stopped"; exit 0; }
      kill -0 "$(cat "$f")" 2>/dev/null || { echo "$(basename "$f" .pid) exited; see $LOGS/" >&2; stop; exit 1; }
    done
    sleep 1
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  serve) start; echo "serving until Ctrl-C"; serve ;;
  wait) serve ;;
  *) echo "usage: $0 start|stop|serve|wait" >&2; exit 2 ;;
esac
