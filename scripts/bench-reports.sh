#!/usr/bin/env bash
# Benchmarks of the reports (issue 12): a large team's history — 1,000,000 leads and about 10,000,000 events over
# two years, 50 reps, and the demo's marketing work — generated once into SQLite (`baton bench report-data`) and
# copied to PostgreSQL (`baton migrate-store`); then, on each, the commands people run, timed with hyperfine
# (3 runs after a warm-up; once for those of minutes) and their peak memory with GNU time:
#   the scorecard for a quarter, the biweekly pack, a backtest of the whole history, a simulation of a quarter,
#   and `baton reports rebuild` (every journey folded again from the event log).
# Usage: scripts/bench-reports.sh FOLDER [postgres://user@host:port/postgres]   (FOLDER keeps the generated data;
# SKIP_SQLITE=1 measures only PostgreSQL, REUSE_POSTGRES=1 reuses the copy a previous run made)
# Needs a release build, hyperfine, psql and sqlite3. BENCHMARKS.md records the output.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:?usage: scripts/bench-reports.sh FOLDER [postgres://user@host:port/postgres]}
server=${2:-}
baton=$PWD/.build/release/baton
[ -x "$baton" ] || { echo "build first: swift build -c release --product baton" >&2; exit 1; }
mkdir -p "$folder"
sqlite=$folder/reports.sqlite
leads=${LEADS:-1000000}

if [ ! -f "$sqlite" ]; then
    echo "## Generating $leads leads into $sqlite"
    /usr/bin/time -f "generated in %e s, peak memory %M KB" "$baton" bench report-data --database "$sqlite" --out "$folder" --leads "$leads"
fi
echo "leads: $(sqlite3 "$sqlite" 'SELECT COUNT(*) FROM lead'), events: $(sqlite3 "$sqlite" 'SELECT COUNT(*) FROM event'), journeys: $(sqlite3 "$sqlite" 'SELECT COUNT(*) FROM lead_journey'), outcomes: $(sqlite3 "$sqlite" "SELECT COUNT(*) FROM event WHERE type IN ('lead.opportunity_opened', 'lead.deal_won', 'lead.deal_lost')"), work items: $(sqlite3 "$sqlite" 'SELECT COUNT(*) FROM work_item'), file $(du -m "$sqlite" | cut -f1) MB"

measure() {  # measure NAME DATABASE COMMAND…: 3 runs after a warm-up, then one for the peak memory
    local name=$1 database=$2
    shift 2
    echo "### $name"
    hyperfine --style basic --warmup 1 --runs 3 --export-json "$folder/last.json" "$(printf '%q ' "$@") --database $(printf '%q' "$database") >/dev/null" |
        grep -E "Time|Range"
    /usr/bin/time -f "  peak memory %M KB" "$@" --database "$database" >/dev/null
}

measure_once() {  # measure_once NAME DATABASE COMMAND…: a command of minutes, timed once with its peak memory
    local name=$1 database=$2
    shift 2
    echo "### $name"
    /usr/bin/time -f "  %e s (user %U s, system %S s), peak memory %M KB" "$@" --database "$database" >/dev/null
}

run_all() {  # run_all DATABASE
    measure "scorecard for a quarter (the last 13 weeks)" "$1" "$baton" reports scorecard
    measure "biweekly review pack" "$1" "$baton" reports pack
    measure_once "backtest of the whole history (candidate: sales_ready 70)" "$1" "$baton" backtest --policy "$folder/candidate.yaml"
    measure "capacity simulation of a quarter, 50 reps" "$1" "$baton" simulate --weeks 13
    measure_once "reports rebuild (every journey from the event log)" "$1" "$baton" reports rebuild
}

if [ -z "${SKIP_SQLITE:-}" ]; then
    echo "## SQLite"
    run_all "$sqlite"
fi

if [ -n "$server" ]; then
    echo "## PostgreSQL"
    database="${server%/*}/baton_bench_reports"
    if [ -z "${REUSE_POSTGRES:-}" ]; then  # REUSE_POSTGRES=1 measures the copy a previous run made (it takes minutes)
        psql "$server" -q -c "DROP DATABASE IF EXISTS baton_bench_reports" -c "CREATE DATABASE baton_bench_reports"
        /usr/bin/time -f "copied in %e s, peak memory %M KB" "$baton" migrate-store --from "$sqlite" --to "$database" | tail -3
        psql "$database" -q -c "VACUUM ANALYZE"
    fi
    run_all "$database"
fi
