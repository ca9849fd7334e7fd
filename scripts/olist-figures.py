#!/usr/bin/env python3
"""Independent figures from the Olist marketing funnel CSVs, written without Baton's code.

Prints, in the rows `baton reports leads --csv` writes them: conversion (won deals of MQLs) by origin, won deals
per sales person (sr_id), and the days from first contact to won (count, median, nearest-rank 90th percentile,
mean). scripts/olist-check.sh compares these rows with Baton's after importing the same files.

usage: olist-figures.py MQL_CSV CLOSED_DEALS_CSV
"""
import csv
import math
import sys
from collections import Counter
from datetime import datetime, timezone


def utc(text, fmt):
    return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)


def main(mql_path, deals_path):
    with open(mql_path, newline="") as f:
        mqls = {row["mql_id"]: row for row in csv.DictReader(f)}
    with open(deals_path, newline="") as f:
        deals = [row for row in csv.DictReader(f) if row["mql_id"] in mqls]
    won = {deal["mql_id"] for deal in deals}

    out = csv.writer(sys.stdout, lineterminator="\r\n")
    leads, wins = Counter(), Counter()
    for mql_id, row in mqls.items():
        origin = row["origin"].strip() or "(none)"
        leads[origin] += 1
        wins[origin] += mql_id in won
    for origin in sorted(leads, key=lambda o: (-leads[o], o)):
        out.writerow(["conversion by source", origin, wins[origin], leads[origin], f"{wins[origin] / leads[origin] * 100:.4f}", "", "", ""])

    people = Counter(deal["sr_id"] for deal in deals if deal["sr_id"].strip())
    for person in sorted(people, key=lambda p: (-people[p], p)):
        out.writerow(["won deals by person", person, people[person], "", "", "", "", ""])

    days = sorted(
        max((utc(deal["won_date"], "%Y-%m-%d %H:%M:%S") - utc(mqls[deal["mql_id"]]["first_contact_date"], "%Y-%m-%d")).total_seconds(), 0) / 60 / 1440
        for deal in deals)
    n = len(days)
    median = days[n // 2] if n % 2 else (days[n // 2 - 1] + days[n // 2]) / 2
    p90 = days[math.ceil(90 * n / 100) - 1]
    mean = sum(days) / n
    out.writerow(["kpi", "First contact → won, days", n, "", "", f"{median:.4f}", f"{p90:.4f}", f"{mean:.4f}"])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
