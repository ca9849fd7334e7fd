#!/usr/bin/env bash
# Imports the Olist marketing funnel (MQLs, then closed deals) into a fresh database with the mapping in
# docs/metrics.md, and checks that Baton's conversion by origin, won deals per sales person and days from first
# contact to won equal what scripts/olist-figures.py computes from the CSVs alone. Exit 0 when every row matches.
#
# usage: scripts/olist-check.sh [DATA_DIR]   (default ../shared/data/olist; the licence keeps the files out of the repo)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/olist}
mqls=$data/olist_marketing_qualified_leads_dataset.csv
deals=$data/olist_closed_deals_dataset.csv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --product baton 2>/dev/null | grep -v '^warning' || true
baton=$(swift build --show-bin-path)/baton
db=$work/olist.sqlite

"$baton" import "$mqls" --policy examples/policy.yaml --database "$db" \
  --map mql_id=source_id --map first_contact_date=submitted_at --map origin=utm_source --map landing_page_id=- > "$work/leads.txt"
head -1 "$work/leads.txt"
"$baton" import outcomes "$deals" --policy examples/policy.yaml --database "$db" --stage won \
  --map mql_id=lead_source_id --map seller_id=reference --map sr_id=people --map won_date=closed_at > "$work/outcomes.txt"
head -1 "$work/outcomes.txt"
"$baton" reports leads --database "$db" --csv > "$work/baton.csv"

grep -E '^(conversion by source|won deals by person),|^kpi,"First contact → won, days"' "$work/baton.csv" > "$work/baton-rows.csv"
python3 scripts/olist-figures.py "$mqls" "$deals" > "$work/script-rows.csv"
if diff <(tr -d "\r" < "$work/script-rows.csv" | sort) <(tr -d "\r" < "$work/baton-rows.csv" | sort); then
  echo "olist-check: $(wc -l < "$work/script-rows.csv") rows match (conversion by origin, won deals per sales person, days from first contact to won)."
else
  echo "olist-check: Baton and the independent script disagree (< script, > Baton)." >&2
  exit 1
fi
