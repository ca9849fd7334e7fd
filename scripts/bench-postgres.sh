#!/usr/bin/env bash
# Benchmarks of PostgreSQL and several instances (issue 11), in one run, with SQLite beside them:
#   lead intake over HTTP with one and with two Baton instances (two behind nginx with examples/nginx/baton.conf),
#   each against the bare Hummingbird insert route (`baton bench bare-insert`) on the same database as the baseline;
#   100,000 open SLA timers fired by two instances on PostgreSQL, and by one on SQLite.
# Usage: scripts/bench-postgres.sh postgres://postgres@127.0.0.1:5432/postgres   (a server where it may create databases)
# Needs a release build, wrk, nginx and psql. Writes nothing; BENCHMARKS.md records the output.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:?usage: scripts/bench-postgres.sh postgres://user@host:port/postgres}
baton=.build/release/baton
[ -x "$baton" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fresh() { psql "$server" -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null; echo "${server%/*}/$1"; }
wait_up() { until curl -sf -o /dev/null "http://127.0.0.1:$1$2"; do sleep 0.1; done; }
stop_all() { kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; }
saturate() { wrk -t2 -c32 -d20s --latency -s scripts/bench/lead.lua "$1" | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx"; }
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
worker_processes 1;
events {}
http {
    access_log off;
    include $PWD/examples/nginx/baton.conf;
}
CONF
nginx_up() { nginx -p "$work" -c "$work/nginx.conf"; }
nginx_down() { kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"; sleep 0.5; }

echo "## Lead intake: POST /api/v1/leads, one new lead per request; wrk -t2 -c32 -d20s"
echo "### PostgreSQL, one instance"
db=$(fresh baton_bench_one)
$baton serve --policy examples/policy.yaml --database "$db" --port 8081 >"$work/one.log" 2>&1 &
wait_up 8081 /readyz
export BATON_TOKEN=$($baton token create --database "$db" --user tomas@northwind.example --name bench --scope leads:write 2>/dev/null | tail -1)
saturate http://127.0.0.1:8081/api/v1/leads
stop_all

echo "### PostgreSQL, two instances behind nginx"
db=$(fresh baton_bench_two)
$baton serve --policy examples/policy.yaml --database "$db" --port 8081 >"$work/two-a.log" 2>&1 &
wait_up 8081 /readyz
$baton serve --policy examples/policy.yaml --database "$db" --port 8082 >"$work/two-b.log" 2>&1 &
wait_up 8082 /readyz
export BATON_TOKEN=$($baton token create --database "$db" --user tomas@northwind.example --name bench --scope leads:write 2>/dev/null | tail -1)
nginx_up
wait_up 8080 /readyz
saturate http://127.0.0.1:8080/api/v1/leads
psql "$db" -tA -c "SELECT 'leads stored: ' || COUNT(*) || ', idempotency and duplicates checked across both' FROM lead"
nginx_down
stop_all

echo "### baseline: bare Hummingbird + postgres-nio, one INSERT per request, one instance"
db=$(fresh baton_bench_bare)
$baton bench bare-insert --database "$db" --port 8081 >/dev/null 2>&1 &
until curl -sf -o /dev/null -X POST -d '{}' http://127.0.0.1:8081/bare; do sleep 0.1; done
saturate http://127.0.0.1:8081/bare
echo "### baseline: the same, two instances behind nginx"
$baton bench bare-insert --database "$db" --port 8082 >/dev/null 2>&1 &
until curl -sf -o /dev/null -X POST -d '{}' http://127.0.0.1:8082/bare; do sleep 0.1; done
nginx_up
until curl -sf -o /dev/null -X POST -d '{}' http://127.0.0.1:8080/bare; do sleep 0.1; done
saturate http://127.0.0.1:8080/bare
nginx_down
stop_all

echo "### SQLite, one instance (beside: the embedded default)"
$baton serve --policy examples/policy.yaml --database "$work/one.sqlite" --port 8081 >/dev/null 2>&1 &
wait_up 8081 /readyz
export BATON_TOKEN=$($baton token create --database "$work/one.sqlite" --user tomas@northwind.example --name bench --scope leads:write | tail -1)
saturate http://127.0.0.1:8081/api/v1/leads
stop_all
echo "### baseline: bare Hummingbird + one SQLite INSERT"
$baton bench bare-insert --database "$work/bare.sqlite" --port 8081 >/dev/null 2>&1 &
until curl -sf -o /dev/null -X POST -d '{}' http://127.0.0.1:8081/bare; do sleep 0.1; done
saturate http://127.0.0.1:8081/bare
stop_all

echo "## 100,000 open SLA timers (breach timers spread over 60 s, plus their at-risk timers)"
echo "### PostgreSQL, two instances"
$baton bench timers --timers 100000 --database "$(fresh baton_bench_timers)" --instances 2 2>/dev/null
echo "### SQLite, one instance"
$baton bench timers --timers 100000
