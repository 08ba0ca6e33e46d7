#!/usr/bin/env bash
# Installs what building Qala needs and, with --tests, what testing it needs.
# Every step is skipped when its tool is already there, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

FOR_TESTS=0
FOR_BENCHMARKS=0
[ "${1:-}" = "--tests" ] && FOR_TESTS=1
[ "${1:-}" = "--benchmarks" ] && FOR_BENCHMARKS=1

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*" >&2; }
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || apt_install nodejs npm

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 0.3.10 is the last cargo-leptos that builds on rustc 1.95.
if ! cargo leptos --version 2>/dev/null | grep -q "0\.3\.10"; then
  step "installing cargo-leptos 0.3.10 (about 11 minutes, once)"
  cargo install cargo-leptos --locked --version 0.3.10
fi

# wasm-bindgen's command line must match the library version in Cargo.lock exactly.
BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

# wasm-opt for release builds: binaryen 132 from npm. Debian's wasm-opt (108) breaks hydration.
if ! wasm-opt --version 2>/dev/null | grep -q "version 132"; then
  step "installing wasm-opt (binaryen 132 from npm)"
  $SUDO npm install -g --no-fund --no-audit binaryen@132.0.0
fi

if [ "$FOR_TESTS" -eq 1 ]; then
  apt_install chromium postgresql
  # The Nu Html Checker (vnu-jar, from npm below) runs on Java.
  command -v java >/dev/null || apt_install default-jre-headless
  # The outside judges' Python tools (schemathesis, extruct), pinned, in an environment of their own.
  JUDGES=.venv/judges
  if ! cmp -s scripts/judges/requirements.txt "$JUDGES/requirements.txt"; then
    step "installing the judges' Python tools: $(grep -v '^#' scripts/judges/requirements.txt | tr '\n' ' ')"
    command -v python3 >/dev/null || apt_install python3
    python3 -m venv --clear "$JUDGES" 2>/dev/null || { apt_install python3-venv; python3 -m venv --clear "$JUDGES"; }
    "$JUDGES/bin/pip" install --quiet --disable-pip-version-check -r scripts/judges/requirements.txt
    cp scripts/judges/requirements.txt "$JUDGES/requirements.txt"
  fi
  if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
    step "installing the end2end npm packages (no browser download: Debian's Chromium is used)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-fund --no-audit)
  fi
fi

if [ "$FOR_BENCHMARKS" -eq 1 ]; then
  apt_install wrk
fi
