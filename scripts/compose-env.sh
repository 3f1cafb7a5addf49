#!/bin/sh
# Writes the secrets of the docker-compose cluster into .env beside docker-compose.yml (Compose reads
# it; .gitignore and .dockerignore keep it out of git and out of the image's build context):
#
#   POLAROID_INTERNAL_SECRET   the secret the coordinator and workers share (POLAROID_SECURITY_INTERNALSECRET)
#   POLAROID_CLIENT_TOKEN      the token clients present (export POLAROID_TOKEN=<it> for the Java SDK)
#
# Both are 32 random bytes in hex. A value already in the file is kept, so this is safe to run again;
# --rotate replaces both (restart the cluster afterwards: docker compose up -d --force-recreate).
# Other lines of the file (TPCH_DATA=..., WORKER_MEMORY=...) are kept as they are.
#
#   scripts/compose-env.sh [--rotate] [FILE]      FILE: default .env at the repository root
set -eu

rotate=
if [ "${1:-}" = --rotate ]; then
  rotate=yes
  shift
fi
file=${1:-$(cd "$(dirname "$0")/.." && pwd)/.env}

random_hex() { # 32 random bytes, as 64 hex digits
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 32
  else
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
    echo
  fi
}

current() { # the value of $1 in the file, if any
  [ -f "$file" ] || return 0
  sed -n "s/^$1=//p" "$file" | tail -n 1
}

secret=$(current POLAROID_INTERNAL_SECRET)
token=$(current POLAROID_CLIENT_TOKEN)
if [ -n "$rotate" ] || [ -z "$secret" ]; then secret=$(random_hex); fi
if [ -n "$rotate" ] || [ -z "$token" ]; then token=$(random_hex); fi

umask 077
tmp=$(mktemp "$file.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{
  if [ -f "$file" ]; then
    grep -v -E '^(POLAROID_INTERNAL_SECRET|POLAROID_CLIENT_TOKEN)=|^# Polaroid credentials' "$file" || true
  fi
  echo "# Polaroid credentials for docker-compose.yml, written by scripts/compose-env.sh: keep them secret."
  echo "POLAROID_INTERNAL_SECRET=$secret"
  echo "POLAROID_CLIENT_TOKEN=$token"
} > "$tmp"
chmod 600 "$tmp"
mv "$tmp" "$file"
trap - EXIT

echo "wrote $file; clients use the token with:" >&2
echo "  export POLAROID_TOKEN=\$(sed -n 's/^POLAROID_CLIENT_TOKEN=//p' $file)" >&2
