#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL for tests (installing Debian's package when missing) and
# prints the admin URL. Source-safe: only prints; the caller exports QALA_TEST_POSTGRES_URL.
set -euo pipefail

PORT="${QALA_PG_PORT:-55432}"
DATA="${QALA_PG_DATA:-/tmp/qala-postgres-$PORT}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PGBIN="$(find_bin)"
if [ -z "$PGBIN" ]; then
  echo "installing PostgreSQL (Debian package)" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >&2
  PGBIN="$(find_bin)"
fi

# PostgreSQL refuses to run as root: run it as the `postgres` user then.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"
  as_owner "$PGBIN/initdb" -D "$DATA" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
