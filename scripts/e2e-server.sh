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
# Absolute links (canonical, sitemap, feeds) point at this server, so judges can follow them.
export QALA_PUBLIC_URL="${QALA_PUBLIC_URL:-http://127.0.0.1:$PORT}"
# Mail lands here as text files; the specs read the links in them.
export QALA_MAIL_DIR="${QALA_MAIL_DIR:-/tmp/qala-e2e-mail-$PORT}"
rm -rf "$QALA_MAIL_DIR"
QALA="${QALA_BIN:-target/debug/qala}"
PASSWORD="amber harbour lantern 42"
"$QALA" seed-demo
# Forum staff for the curation specs, one per Playwright project (each turns on its own second factor).
for project in hydrated no-js phone-hydrated phone-no-js pages-hydrated pages-no-js claims-hydrated claims-no-js \
  hydrated-last no-js-last solutions-hydrated-last solutions-no-js-last judges; do
  echo "$PASSWORD" | "$QALA" user create --email "staff-$project@qala.example" --role admin --password-stdin
done
# The staff spec's claimant, whose claim on a university waits for staff, one per project.
for project in hydrated no-js; do
  echo "$PASSWORD" | "$QALA" user create --email "claimant-$project@claims.example" --password-stdin
done
# The people spec's owner of a demo listing and the person they invite, one pair per project (made
# here, not signed up: sign-ups from one address are throttled, and other specs sign up).
for pair in hydrated:demirqapi-ciso-klubu no-js:ipek-kod-informasiya-tehlukesizliyi-assosiasiyasi; do
  project="${pair%%:*}" listing="${pair#*:}"
  echo "$PASSWORD" | "$QALA" user create --email "owner-$project@people.example" --org "$listing" --org-role owner --password-stdin
  echo "$PASSWORD" | "$QALA" user create --email "invitee-$project@people.example" --password-stdin
done
# The profiles spec's visitor who signs in to claim a listing, one per project.
for project in hydrated no-js; do
  echo "$PASSWORD" | "$QALA" user create --email "claimer-$project@people.example" --password-stdin
done
# The HTML judge's owner of a listing with solutions, to read the account pages as an organization.
echo "$PASSWORD" | "$QALA" user create --email "owner-judges@people.example" --org abseron-kiber-muhafize-sirketi --org-role owner --password-stdin
# The solution-editing spec's owners of unverified demo listings, one per project.
for pair in hydrated-last:meyar-sertifikasiya-merkezi no-js-last:sari-celek-kiber-mektebi; do
  project="${pair%%:*}" listing="${pair#*:}"
  echo "$PASSWORD" | "$QALA" user create --email "owner-$project@solutions.example" --org "$listing" --org-role owner --password-stdin
done
# The hostile-text spec's owners of verified demo listings, one per project.
for pair in hydrated-last:sandiq-melumat-muhafizesi no-js-last:saq-infosec; do
  project="${pair%%:*}" listing="${pair#*:}"
  echo "$PASSWORD" | "$QALA" user create --email "hostile-$project@security.example" --org "$listing" --org-role owner --password-stdin
done
exec "$QALA" serve
