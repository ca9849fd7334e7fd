#!/usr/bin/env bash
# Lead lists at volume (issue 9): the demo scaled ×10 (about 25,000 leads), then each list page and API call read
# with wrk for 10 s by a signed-in person. Needs a release build and wrk (apt-get install wrk).
# Usage: scripts/bench-lists.sh [DATABASE]   (reuses DATABASE when it exists; paste the output into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
baton=.build/release/baton
[ -x "$baton" ] || { echo "build first: swift build -c release --product baton" >&2; exit 1; }
database=${1:-$(mktemp -d)/demo10.sqlite}
port=18090
$baton demo --scale 10 --database "$database" --port $port > "$database.log" 2>&1 &
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.5; done
head -2 "$database.log"

source scripts/bench/session.sh
sam=$(session sam@northwind.example)
tomas=$(session tomas@northwind.example)
ana=$(session ana@northwind.example)
email=$(sqlite3 "$database" "SELECT json_extract(data, '\$.fields.email') FROM lead ORDER BY id DESC LIMIT 1 OFFSET 5000")

sqlite3 "$database" "SELECT count(*) || ' leads' FROM lead"
measure "$ana" "/"
measure "$ana" "/leads"
measure "$sam" "/leads"
measure "$sam" "/leads?status=all&sort=received&dir=desc&page=200"
measure "$sam" "/leads?q=$email"
measure "$sam" "/leads?status=all&breached=yes&source=hubspot&sort=score"
measure "$tomas" "/leads/queues?status=remediation"
measure "$tomas" "/leads/queues?status=nurture&page=20"
measure "$tomas" "/api/v1/leads?status=all&limit=50&offset=20000"
