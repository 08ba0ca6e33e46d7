#!/usr/bin/env bash
# Sets up what is missing, builds Qala (release) and runs it on SQLite, with the fictional demo data
# loaded into an empty database. DATABASE_URL and LEPTOS_SITE_ADDR override the defaults.
set -euo pipefail
unset RUSTFLAGS # the build flags are in .cargo/config.toml
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo leptos build --release
export DATABASE_URL="${DATABASE_URL:-sqlite://qala.db}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
exec target/release/qala serve --demo-if-empty
