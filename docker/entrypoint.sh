#!/bin/sh
# The entrypoint of the Polaroid image: one image, every role (POLAROID_ROLE=coordinator | worker |
# standalone). Every Spring property can come from the environment (relaxed binding:
# polaroid.worker.advertised-host is POLAROID_WORKER_ADVERTISEDHOST) or from arguments
# (docker run polaroid:0.1.0 --polaroid.engine.threads=4).
#
#   entrypoint.sh [--spring.args ...]   run the server: java <flags> -jar /app/polaroid-server.jar args...
#   entrypoint.sh health <path>         the image's HEALTHCHECK: GET http://127.0.0.1:<http port><path>
#   entrypoint.sh <command> ...         run anything else (sh, java -version, ...)
#
# What it adds before starting the JVM:
#
# * The worker's advertised host. A worker registers as <advertised host>:<grpc port>, and the
#   coordinator, the other workers and clients connect there. Under `docker compose up --scale
#   worker=N` all replicas share one environment, so a fixed name cannot work: when
#   POLAROID_WORKER_ADVERTISEDHOST is empty (and no --polaroid.worker.advertised-host argument is
#   given) a worker advertises its own address on the container network: its IPv4 address
#   (`hostname -i`), or with ADVERTISE_ADDRESS=hostname its host name (the short container id, which
#   Docker's DNS resolves on a user-defined network such as compose's default one). Set
#   POLAROID_WORKER_ADVERTISEDHOST to override (Kubernetes: the pod IP or a headless-service name).
#
# * The tokens file of a compose deployment. The server checks client tokens against a file of
#   their hashes (polaroid.security.tokens-file, principal:sha256-hex lines). docker-compose.yml
#   gives the coordinator the token itself, POLAROID_CLIENT_TOKEN (from .env, which
#   scripts/compose-env.sh writes): the entrypoint writes "admin:<sha256 of it>" into a file of its
#   own (mode 600, in a new folder under ${TMPDIR:-/tmp}), sets POLAROID_SECURITY_TOKENSFILE to it,
#   and removes the token from the server's environment. A tokens file given as well is an error:
#   use one or the other.
#
# * JVM flags, all overridable:
#   ARROW_JVM_FLAGS       what Arrow needs (--add-opens=java.base/java.nio=ALL-UNNAMED on JDK 17) and
#                         its fast paths (unsafe memory access, no null checks, the Unsafe allocator)
#   JAVA_HEAP_PERCENT     heap as a share of the container's memory limit (-XX:MaxRAMPercentage)
#   JAVA_DIRECT_PERCENT   -XX:MaxDirectMemorySize as a share of the same limit. The engine's Arrow
#                         root allocator is capped at MaxDirectMemorySize, so this is the memory
#                         queries can use; Netty (gRPC, Flight) allocates its buffers within the same cap.
#   COORDINATOR_JIT_FLAGS flags for the coordinator role alone, before JAVA_OPTS. Its work is planning,
#                         scheduling and calls, code run a few times per query that C2 goes on compiling
#                         for thousands of queries; where it shares a small machine with workers,
#                         -XX:TieredStopAtLevel=1 (C1 alone) halves its CPU (TPC-H on 2 cores 4-6%
#                         faster, a tiny query's p50 about 0.6 ms slower). Default: none.
#   JAVA_OPTS             anything else (collector, -Xlog, ...), after the flags above so it wins
#   JAVA_TOOL_OPTIONS     read by the JVM itself; a heap or direct-memory size there is left alone
#   A size in JAVA_OPTS, JAVA_TOOL_OPTIONS or the arguments (-Xmx, -XX:MaxRAMPercentage,
#   -XX:MaxDirectMemorySize) replaces the computed one.
set -eu

JAR=/app/polaroid-server.jar

# The role, as the server reads it: --polaroid.role=..., else POLAROID_ROLE, else standalone.
role=${POLAROID_ROLE:-standalone}
for arg in "$@"; do
  case "$arg" in --polaroid.role=*) role=${arg#--polaroid.role=} ;; esac
done
role=$(printf '%s' "$role" | tr '[:upper:]' '[:lower:]')

health() { # path: exit 0 when the actuator answers 2xx on this process' HTTP port
  port=${SERVER_PORT:-}
  if [ -z "$port" ]; then
    if [ "$role" = worker ]; then port=8081; else port=8080; fi
  fi
  exec curl -fsS --max-time 4 -o /dev/null "http://127.0.0.1:${port}${1:-/actuator/health/liveness}"
}

own_address() { # this container's address on its network
  if [ "${ADVERTISE_ADDRESS:-ip}" != hostname ]; then
    # hostname -i: the addresses /etc/hosts gives this host name; the first non-loopback IPv4 one.
    ip=$(hostname -i 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+(\.[0-9]+){3}$' | grep -v '^127\.' | head -n 1 || true)
    if [ -z "$ip" ]; then
      ip=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+(\.[0-9]+){3}$' | grep -v '^127\.' | head -n 1 || true)
    fi
    if [ -n "$ip" ]; then
      printf '%s' "$ip"
      return
    fi
  fi
  hostname 2>/dev/null || cat /proc/sys/kernel/hostname
}

memory_limit() { # bytes: the cgroup (v2, then v1) memory limit, at most the machine's memory
  total=$(awk '/^MemTotal:/ { printf "%.0f", $2 * 1024 }' /proc/meminfo 2>/dev/null || true)
  limit=
  for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$f" ]; then
      limit=$(cat "$f")
      break
    fi
  done
  awk -v l="${limit:-max}" -v t="${total:-0}" 'BEGIN {
    if (l == "max" || l == "" || (t > 0 && l + 0 > t)) l = t
    printf "%.0f", l
  }'
}

case "${1:-}" in
  health)
    shift
    health "${1:-}"
    ;;
  '' | -*)
    ;;
  *)
    exec "$@"
    ;;
esac

# --- the server -------------------------------------------------------------------------------

if [ "$role" != coordinator ] && [ -z "${POLAROID_WORKER_ADVERTISEDHOST:-}" ]; then
  case " $* " in
    *" --polaroid.worker.advertised-host="*) ;;
    *)
      POLAROID_WORKER_ADVERTISEDHOST=$(own_address)
      export POLAROID_WORKER_ADVERTISEDHOST
      ;;
  esac
fi

if [ -n "${POLAROID_CLIENT_TOKEN:-}" ]; then
  tokens_given=${POLAROID_SECURITY_TOKENSFILE:-}
  case " $* " in *" --polaroid.security.tokens-file="*) tokens_given=argument ;; esac
  if [ -n "$tokens_given" ]; then
    echo "polaroid: POLAROID_CLIENT_TOKEN and a tokens file (POLAROID_SECURITY_TOKENSFILE or --polaroid.security.tokens-file) are both set: use one" >&2
    exit 64
  fi
  tokens_dir=$(mktemp -d "${TMPDIR:-/tmp}/polaroid-tokens.XXXXXX")
  hash=$(printf '%s' "$POLAROID_CLIENT_TOKEN" | sha256sum | cut -d ' ' -f 1)
  (umask 077 && printf 'admin:%s\n' "$hash" > "$tokens_dir/tokens")
  POLAROID_SECURITY_TOKENSFILE=$tokens_dir/tokens
  export POLAROID_SECURITY_TOKENSFILE
  echo "polaroid: client token (principal admin) from POLAROID_CLIENT_TOKEN, its hash in $POLAROID_SECURITY_TOKENSFILE" >&2
fi
unset POLAROID_CLIENT_TOKEN

user_flags=" ${JAVA_TOOL_OPTIONS:-} ${JAVA_OPTS:-} $* "
memory_flags=
case "$user_flags" in
  *" -Xmx"* | *MaxRAMPercentage* | *" -XX:MaxRAM="*) ;;
  *) memory_flags="-XX:MaxRAMPercentage=${JAVA_HEAP_PERCENT:-35}" ;;
esac
case "$user_flags" in
  *MaxDirectMemorySize*) ;;
  *)
    limit=$(memory_limit)
    direct_mb=$(awk -v l="$limit" -v p="${JAVA_DIRECT_PERCENT:-40}" 'BEGIN { printf "%.0f", l * p / 100 / 1048576 }')
    if [ "${direct_mb:-0}" -gt 0 ]; then
      memory_flags="$memory_flags -XX:MaxDirectMemorySize=${direct_mb}m"
    fi
    ;;
esac

echo "polaroid: role=${role}${POLAROID_WORKER_ADVERTISEDHOST:+ advertised-host=$POLAROID_WORKER_ADVERTISEDHOST} jvm: ${memory_flags# }" >&2

role_flags=
if [ "$role" = coordinator ]; then
  role_flags=${COORDINATOR_JIT_FLAGS:-}
fi

# The flag variables are lists of words: split them, without expanding globs.
set -f
# shellcheck disable=SC2086
exec java ${ARROW_JVM_FLAGS:-} $memory_flags $role_flags ${JAVA_OPTS:-} -jar "$JAR" "$@"
