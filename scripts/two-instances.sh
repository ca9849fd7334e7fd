#!/usr/bin/env bash
# Two Baton instances on one PostgreSQL database behind nginx with examples/nginx/baton.conf, as docs/operations.md
# describes: sends 1,000 leads through nginx from 8 clients, kills one instance with `kill -9` a third of the way
# in, and checks that every lead was admitted exactly once (senders retry with the same Idempotency-Key when a
# request dies with the instance, as HubSpot and Salesforce do).
# Usage: scripts/two-instances.sh postgres://postgres@127.0.0.1:5432/postgres   (a server where it may create a database)
# Needs: nginx (apt-get install nginx), psql, python3, and a build of baton (release if present, else debug).
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:?usage: scripts/two-instances.sh postgres://user@host:port/postgres}
baton=.build/release/baton; [ -x "$baton" ] || baton=.build/debug/baton
work=$(mktemp -d)
database="${server%/*}/baton_two_instances"
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

psql "$server" -q -c "DROP DATABASE IF EXISTS baton_two_instances" -c "CREATE DATABASE baton_two_instances"
start() { BATON_TRUSTED_PROXIES=127.0.0.1 $baton serve --policy examples/policy.yaml --database "$database" --port "$1" >"$work/baton-$1.log" 2>&1 & echo $!; }
first=$(start 8081)
until curl -sf -o /dev/null http://127.0.0.1:8081/readyz; do sleep 0.1; done
second=$(start 8082)
until curl -sf -o /dev/null http://127.0.0.1:8082/readyz; do sleep 0.1; done
token=$($baton token create --database "$database" --user tomas@northwind.example --name two-instances --scope leads:write | tail -1)

cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    access_log off;
    include $PWD/examples/nginx/baton.conf;
}
CONF
nginx -t -q -p "$work" -c "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf"
until curl -sf -o /dev/null http://127.0.0.1:8080/readyz; do sleep 0.1; done
# A login form shown by one instance signs in on the other (the form-signing key is shared through the database).
jar="$work/cookies"
csrf=$(curl -s -c "$jar" http://127.0.0.1:8081/login | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" --data-urlencode "email=nobody@northwind.example" \
  --data-urlencode "password=wrong" http://127.0.0.1:8082/login)
[ "$status" != 403 ] || { echo "FAILED: a login form from one instance was refused by the other" >&2; exit 1; }
echo "a login form from :8081 posted to :8082 is accepted (HTTP $status for a wrong password, not 403)"
echo "nginx on :8080 in front of instances on :8081 (pid $first) and :8082 (pid $second); $(curl -s http://127.0.0.1:8080/readyz)"

BATON_TOKEN=$token KILL_PID=$first python3 - <<'PY'
import json, os, threading, time, urllib.request, urllib.error, subprocess
token, victim = os.environ["BATON_TOKEN"], int(os.environ["KILL_PID"])
results, lock, sent = {}, threading.Lock(), [0]
retries = [0]
def send(index):
    body = json.dumps({"fields": {"email": f"buyer{index}@retail{index}.example", "first_name": "Kim", "last_name": f"Buyer{index}",
        "company": f"Retail {index}", "job_title": "Head of Analytics", "country": "DE", "industry": "Retail", "company_size": 400,
        "consent_email": True}}).encode()
    while True:
        request = urllib.request.Request("http://127.0.0.1:8080/api/v1/leads", data=body, method="POST", headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": f"two-{index}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)["results"][0]
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            with lock: retries[0] += 1
            if retries[0] > 2000: raise
            time.sleep(0.2)
def worker(start):
    for index in range(start, 1000, 8):
        result = send(index)
        with lock:
            results[index] = result
            sent[0] += 1
            if sent[0] == 333:
                os.kill(victim, 9)
                print(f"killed instance pid {victim} with kill -9 after {sent[0]} leads")
threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
started = time.time()
[t.start() for t in threads]; [t.join() for t in threads]
ids = [r["lead_id"] for r in results.values()]
outcomes = {}
for r in results.values(): outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
print(f"{len(results)} leads answered in {time.time() - started:.1f} s; outcomes {outcomes}; {retries[0]} requests retried by their sender")
assert len(results) == 1000 and len(set(ids)) == 1000, "every lead must have its own id"
PY
leads=$(psql "$database" -tA -c "SELECT COUNT(*) FROM lead")
keys=$(psql "$database" -tA -c "SELECT COUNT(*) FROM intake_key")
echo "database: $leads leads, $keys idempotency keys"
[ "$leads" = 1000 ] && [ "$keys" = 1000 ] || { echo "FAILED: expected 1000 leads, each once" >&2; exit 1; }
echo "$(curl -s http://127.0.0.1:8080/readyz) through nginx with one instance left"
echo "OK: every lead admitted exactly once across two instances and a kill -9"
