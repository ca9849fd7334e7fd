#!/usr/bin/env bash
# Marketing work at volume (issue 10): a gate of 20 checks in process; then a database with 5,000 open work items
# and one item with 200 events, served by `baton demo`, and the board, the lists and that item page read with wrk
# for 10 s by a signed-in person. Needs a release build and wrk (apt-get install wrk).
# Usage: scripts/bench-work.sh   (paste the output into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
baton=.build/release/baton
[ -x "$baton" ] || { echo "build first: swift build -c release --product baton" >&2; exit 1; }
$baton bench gate
folder=$(mktemp -d)
database=$folder/work.sqlite
port=18091
$baton bench work-data --database "$database" --open 5000
$baton demo --database "$database" --port $port > "$database.log" 2>&1 &
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.5; done

source scripts/bench/session.sh
tomas=$(session tomas@northwind.example)
long=$(sqlite3 "$database" "SELECT substr(subject, 6) FROM event WHERE subject LIKE 'work:%' GROUP BY subject ORDER BY count(*) DESC LIMIT 1")

sqlite3 "$database" "SELECT count(*) || ' work items, ' || sum(status NOT IN ('launched', 'cancelled', 'draft')) || ' open' FROM work_list"
sqlite3 "$database" "SELECT 'item $long: ' || count(*) || ' events' FROM event WHERE subject = 'work:$long'"
measure "$tomas" "/work/board" 1
measure "$tomas" "/work/$long" 1
measure "$tomas" "/work/board"
measure "$tomas" "/work/$long"
measure "$tomas" "/work/items?status=open&sort=due&page=50"
measure "$tomas" "/work/board?type=blog&breached=yes"
measure "$tomas" "/work"
measure "$tomas" "/api/v1/work?status=open&limit=50&offset=4000"
