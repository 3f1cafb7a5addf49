#!/usr/bin/env bash
# What security costs, in one run: restarts the local cluster with authentication off, on, and on
# with TLS (a self-signed certificate made here), and measures each with SecurityBench.
#   polaroid-bench/security-bench.sh "<java and flags>" <classpath> <grpc://host:port>
set -euo pipefail
JAVA_CMD=$1
CP=$2
CLUSTER_URL=$3
SF=${SF:-1}
DATA=data/tpch-sf$SF
OUT=bench-results
SEC_OUT="$OUT/security-sf$SF.txt"
TLS_DIR="$OUT/tls"
mkdir -p "$TLS_DIR"
rm -f "$SEC_OUT"
trap './scripts/cluster.sh stop' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$TLS_DIR/key.pem" -out "$TLS_DIR/key-pkcs8.pem"
TLS_ARGS="--polaroid.security.tls.certificate=$PWD/$TLS_DIR/cert.pem --polaroid.security.tls.private-key=$PWD/$TLS_DIR/key-pkcs8.pem"
# Two rounds, alternated: the first cluster of a run measured faster than later ones, whatever its settings.
for config in ${CONFIGS:-auth-none auth-token tls auth-token tls auth-none}; do
  case $config in
    auth-none) extra="--polaroid.security.auth=none"; url=$CLUSTER_URL ;;
    auth-token) extra=""; url=$CLUSTER_URL ;;
    tls) extra="$TLS_ARGS"; url=${CLUSTER_URL/grpc:/grpc+tls:} ;;
  esac
  JAVA_CMD="$JAVA_CMD" DATA_ROOTS="$PWD/data" COORDINATOR_ARGS="$extra" WORKER_ARGS="$extra" ./scripts/cluster.sh start
  POLAROID_TLS_CA="$PWD/$TLS_DIR/cert.pem" $JAVA_CMD -Xmx4g -XX:MaxDirectMemorySize=4g -cp "$CP" io.polaroid.bench.SecurityBench \
    --url "$url" --data "$DATA" --label "$config" --out "$SEC_OUT"
done
$JAVA_CMD -cp "$CP" io.polaroid.bench.SecurityBench --out "$SEC_OUT" --compare yes
