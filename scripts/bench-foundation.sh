#!/usr/bin/env bash
# Benchmarks of the foundation (issue 2): cold start of `baton serve` to the first answered request, and
# /healthz throughput with wrk. Needs a release build, hyperfine and wrk (apt-get install hyperfine wrk).
# Usage: scripts/bench-foundation.sh            (writes nothing; paste the output into BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
baton=.build/release/baton
[ -x "$baton" ] || { echo "build first: swift build -c release --product baton" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=18080

# One start: launch the server, poll /healthz every millisecond until it answers, stop the server.
cat > "$work/start-once.sh" <<SCRIPT
#!/usr/bin/env bash
$baton serve --policy examples/policy.yaml --database "\$1" --port $port >/dev/null 2>&1 &
pid=\$!
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.001; done
kill -TERM \$pid; wait \$pid || true
SCRIPT
chmod +x "$work/start-once.sh"

echo "## Cold start, empty database (migrations, policy load and version, account sync, setup link)"
hyperfine --warmup 2 --runs 20 --prepare "rm -f $work/cold.sqlite*" "$work/start-once.sh $work/cold.sqlite"
echo "## Restart on an existing database (policy unchanged)"
"$work/start-once.sh" "$work/warm.sqlite"
hyperfine --warmup 2 --runs 20 "$work/start-once.sh $work/warm.sqlite"

echo "## /healthz with wrk (2 threads, 64 connections, 15 s)"
$baton serve --policy examples/policy.yaml --database "$work/wrk.sqlite" --port $port >/dev/null 2>&1 &
pid=$!
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.01; done
wrk -t2 -c64 -d15s --latency http://127.0.0.1:$port/healthz
kill -TERM $pid; wait $pid || true
