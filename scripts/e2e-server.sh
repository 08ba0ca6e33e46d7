#!/usr/bin/env bash
# The server end2end tests run against: a fresh SQLite database seeded with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${QALA_E2E_PORT:-3100}"
DATA_DIR="$(mktemp -d -t qala-e2e-XXXXXX)"
export DATABASE_URL="sqlite://$DATA_DIR/qala.db"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
export QALA_LOG="${QALA_LOG:-warn}"
# Mail lands here as text files; the specs read the links in them.
export QALA_MAIL_DIR="${QALA_MAIL_DIR:-/tmp/qala-e2e-mail-$PORT}"
rm -rf "$QALA_MAIL_DIR"
QALA="${QALA_BIN:-target/debug/qala}"
# Forum staff for the curation specs, one per Playwright project (each turns on its own second factor).
for project in hydrated no-js hydrated-last no-js-last; do
  echo "amber harbour lantern 42" | "$QALA" user create --email "staff-$project@qala.example" --role admin --password-stdin
done
exec "$QALA" serve --demo-if-empty
