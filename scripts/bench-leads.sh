#!/usr/bin/env bash
# Benchmarks of the lead handoff (issue 3): (a) HTTP intake with wrk against a bare one-insert route, (b) CSV import,
# (c) routing decisions, (d) 100,000 SLA timers. Needs a release build and wrk (apt-get install wrk).
# Usage: scripts/bench-leads.sh            (writes nothing; paste the output into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
baton=.build/release/baton
[ -x "$baton" ] || { echo "build first: swift build -c release --product baton" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=18081

echo "## (a) HTTP intake: POST /api/v1/leads, one new lead per request (validate, score, route, events, outbox, timers)"
$baton serve --policy examples/policy.yaml --database "$work/a.sqlite" --port $port >/dev/null 2>&1 &
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.05; done
export BATON_TOKEN=$($baton token create --database "$work/a.sqlite" --user tomas@northwind.example --name bench --scope leads:write | tail -1)
echo "### saturation: wrk -t2 -c32 -d20s"
wrk -t2 -c32 -d20s --latency -s scripts/bench/lead.lua http://127.0.0.1:$port/api/v1/leads
echo "### fixed rate near 1,000 leads/s: 16 connections, 10 ms between a connection's requests (plus its latency)"
WRK_DELAY_MS=10 wrk -t2 -c16 -d20s --latency -s scripts/bench/lead.lua http://127.0.0.1:$port/api/v1/leads
sqlite3 "$work/a.sqlite" "SELECT status, count(*) FROM lead GROUP BY status" 2>/dev/null || true

echo "### baseline: a bare Hummingbird route doing one SQLite insert, same wrk settings"
$baton bench bare-insert --database "$work/bare.sqlite" --port 18082 &
until curl -sf -o /dev/null -X POST -d '{}' http://127.0.0.1:18082/bare; do sleep 0.05; done
wrk -t2 -c32 -d20s --latency -s scripts/bench/lead.lua http://127.0.0.1:18082/bare

echo "## (b) CSV import"
$baton bench csv --rows 100000
echo "## (c) routing"
$baton bench routing
echo "## (d) SLA timers"
$baton bench timers --timers 100000
