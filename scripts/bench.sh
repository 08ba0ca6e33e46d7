#!/usr/bin/env bash
# Runs the speed benchmarks recorded in BENCHMARKS.md on QALA_BENCH_ORGS synthetic organizations
# (default 100,000): directory search at the repository level, the directory page of a release build under
# wrk, and the gzipped size of the release WebAssembly. Run it on an otherwise idle machine.
set -euo pipefail
unset RUSTFLAGS # the build flags are in .cargo/config.toml
cd "$(dirname "$0")/.."
scripts/setup.sh --benchmarks

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*" >&2; }
ORGS="${QALA_BENCH_ORGS:-100000}"
PORT="${QALA_BENCH_PORT:-3300}"
DURATION="${QALA_BENCH_SECONDS:-20}"
export QALA_BENCH_ORGS="$ORGS"

step "search at the repository level ($ORGS organizations, SQLite)"
cargo bench --features ssr --bench search

step "release build"
cargo leptos build --release

step "gzipped size of the release WebAssembly"
for file in target/site/pkg/qala.wasm target/site/pkg/qala.js; do
  printf '%-32s %8d bytes, %8d gzipped\n' "$file" "$(wc -c < "$file")" "$(gzip -9 -c "$file" | wc -c)"
done

step "loading $ORGS synthetic organizations into a fresh SQLite database"
workdir="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  # Whatever the server complained about during the load (errors behind non-2xx answers).
  [ -s "$workdir/server.log" ] && { echo "server log:"; tail -n 20 "$workdir/server.log"; } >&2
  rm -rf "$workdir"
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$workdir/bench.db"
export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$PORT" QALA_LOG=warn
target/release/qala seed-demo --synthetic "$ORGS"

step "serving the release build on $LEPTOS_SITE_ADDR"
target/release/qala serve > "$workdir/server.log" 2>&1 &
server_pid=$!
until curl -sf "http://$LEPTOS_SITE_ADDR/healthz" > /dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
  sleep 0.5
done
# The first request builds the search index; keep it out of the measurement.
curl -sf "http://$LEPTOS_SITE_ADDR/en/organizations" > /dev/null

for path in "/en/organizations" "/az/organizations?q=kiber&kind=company" "/en/organizations?sort=name&page=40"; do
  step "wrk: GET $path for ${DURATION} s, 2 threads, 32 connections"
  wrk --threads 2 --connections 32 --duration "${DURATION}s" --latency "http://$LEPTOS_SITE_ADDR$path"
done
