#!/usr/bin/env bash
# Sets up what is missing and runs every check and test: formatting, clippy for the server and the
# browser builds, unit tests, the integration suite on SQLite and PostgreSQL, end2end in Chromium, and
# the outside judges (Nu Html Checker, schemathesis, extruct, Lighthouse SEO) as its last project.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*" >&2; }
started=$SECONDS

# Build flags live in .cargo/config.toml, so every cargo command here shares one build; a RUSTFLAGS
# from the environment would replace them.
unset RUSTFLAGS

step "formatting"
cargo fmt --all -- --check

step "clippy: server build"
cargo clippy --features ssr --all-targets -- -D warnings

step "clippy: browser build"
# The same target directory as cargo-leptos's WebAssembly build, so its dependencies are built once.
cargo clippy --lib --no-default-features --features hydrate --target wasm32-unknown-unknown --target-dir target/front -- -D warnings

step "building the site (server and WebAssembly)"
cargo leptos build

step "starting PostgreSQL for the integration suite"
QALA_TEST_POSTGRES_URL="$(scripts/postgres.sh)"
export QALA_TEST_POSTGRES_URL QALA_REQUIRE_POSTGRES=1

step "unit and integration tests (SQLite and PostgreSQL)"
cargo test --features ssr

step "end2end in Chromium (hydrated and without JavaScript), then the outside judges"
(cd end2end && npx playwright test)

step "all checks passed in $((SECONDS - started)) s"
