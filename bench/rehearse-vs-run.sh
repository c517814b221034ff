#!/usr/bin/env bash
# `ferry run --rehearse` against the real run it predicts (issue 15, must-show 6): the demo's plan, whose
# rehearsal runs on scratch copies of both databases (fresh backups restored into an embedded PostgreSQL)
# and reports the downtime it saw, then runs for real. `ferry demo --json` does both in one command and
# gives both figures (rehearsedDowntimeMs, downtimeMs); this script runs it N times, each in a new
# directory, and prints per run the predicted and the measured downtime and their error, then the median
# error. Target: the prediction within 25 % of the real downtime.
# Usage: bench/rehearse-vs-run.sh [runs]   (default 5; about 10 s a run once built)
# Environment: BENCH_WORK (a new directory under /tmp).
# Exit: 0 every run completed (whether or not the target was met: the table says) · 2 bad arguments · 4 a run failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
case "$runs" in '' | *[!0-9]* | 0) echo "rehearse-vs-run: runs is a whole number from 1 (got '$runs'); usage: bench/rehearse-vs-run.sh [runs]" >&2; exit 2 ;; esac
work="${BENCH_WORK:-$(mktemp -d /tmp/ferry-bench-rehearse.XXXXXX)}"
mkdir -p "$work"
ferry="$root/bin/ferry"
"$ferry" --version >/dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | rehearsal predicted | real downtime | error |"
echo "|---|---|---|---|"
errors=()
for i in $(seq 1 "$runs"); do
  dir="$work/run-$i"
  mkdir -p "$dir"
  (cd "$dir" && "$ferry" --json demo) >"$dir/demo.json" 2>"$dir/demo.log" || { cat "$dir/demo.log" >&2; echo "rehearse-vs-run: run $i failed (log above, kept in $dir)" >&2; exit 4; }
  read -r predicted real < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["rehearsedDowntimeMs"], d["downtimeMs"])' "$dir/demo.json")
  err=$(awk -v p="$predicted" -v r="$real" 'BEGIN { e = (p - r) / r * 100; printf "%+.1f", e }')
  errors+=("${err#+}")
  printf '| %d | %d ms | %d ms | %s %% |\n' "$i" "$predicted" "$real" "$err"
done
median=$(printf '%s\n' "${errors[@]}" | awk '{ print ($1 < 0 ? -$1 : $1) }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
worst=$(printf '%s\n' "${errors[@]}" | awk '{ v = ($1 < 0 ? -$1 : $1); if (v > m) m = v } END { print m + 0 }')
echo
echo "median |error| ${median} %, worst ${worst} %: target within 25 % $(awk -v w="$worst" 'BEGIN { print (w <= 25 ? "met by every run" : "MISSED by at least one run") }')"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; $(date -u '+%Y-%m-%d %H:%M UTC')"
rm -rf "$work"
