#!/usr/bin/env bash
# `ferry run --rehearse` against the real run it predicts (issue 15, must-show 6): the demo's plan, whose
# rehearsal runs on scratch copies of both databases (fresh backups restored into an embedded PostgreSQL)
# and reports the downtime it saw, then runs for real. `ferry demo --json` does both in one command, each
# as a process of its own as an operator would (`ferry run PLAN.yaml --rehearse`, then `ferry run PLAN.yaml`),
# and gives both figures (rehearsedDowntimeMs, downtimeMs); this script runs it N times, each in a new
# directory, and prints per run the predicted and the measured downtime and their error, then the median
# error. Target: the prediction within 25 % of the real downtime.
# Then a night with rows, each command in a process of its own as an operator runs them: a plan that
# backs up the target, then in its downtime copies a table of ROWS rows (default 1,000,000) from a source
# database on the PostgreSQL 15 at 127.0.0.1:5432 into an empty target there and validates the count;
# `ferry run PLAN.yaml --rehearse` then `ferry run PLAN.yaml`, the target made empty again before each pair.
# Usage: bench/rehearse-vs-run.sh [runs]   (default 5; about 10 s a demo run and 30 s a pair once built)
# Environment: BENCH_WORK (a new directory under /tmp); ROWS (1000000); PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres, trust).
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
echo "demo: median |error| ${median} %, worst ${worst} %: target within 25 % $(awk -v w="$worst" 'BEGIN { print (w <= 25 ? "met by every run" : "MISSED by at least one run") }')"

# A night with rows: each command its own process.
rows="${ROWS:-1000000}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"   # no NOTICE from DROP DATABASE IF EXISTS
src=ferry_bench_rehearse_src; tgt=ferry_bench_rehearse_tgt
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "CREATE DATABASE $src" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$src" -c "CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint NOT NULL, total numeric(10,2), note text);
  INSERT INTO orders SELECT g, g % 5000, (g % 997) + 0.99, md5(g::text) FROM generate_series(1, $rows) g; ANALYZE" >/dev/null
night="$work/night"; mkdir -p "$night"
cat >"$night/checks.yaml" <<CHECKS
checks:
  - rowCount: { table: orders, equals: $rows }
CHECKS
cat >"$night/PLAN.yaml" <<PLAN
source: { url: "postgres://$PGUSER@$PGHOST:$PGPORT/$src" }
target: { url: "postgres://$PGUSER@$PGHOST:$PGPORT/$tgt" }
steps:
  - { id: backup_target, backup: target }
  - { downtime: begin }
  - { id: copy, copy: { from: source, to: target } }
  - { id: validate, validate: checks.yaml }
  - { downtime: end }
rollback:
  - { restore: { from: "\${steps.backup_target.dir}", to: target, clean: true } }
PLAN
echo
echo "| pair | rehearsal predicted | real downtime | error |"
echo "|---|---|---|---|"
night_errors=()
for i in $(seq 1 "$runs"); do
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $tgt WITH (FORCE)" -c "CREATE DATABASE $tgt" >/dev/null
  (cd "$night" && "$ferry" --json run PLAN.yaml --rehearse) >"$night/rehearsal-$i.json" 2>"$night/rehearsal-$i.log" \
    || { cat "$night/rehearsal-$i.log" >&2; echo "rehearse-vs-run: rehearsal $i failed" >&2; exit 4; }
  (cd "$night" && "$ferry" --json run PLAN.yaml) >"$night/run-$i.json" 2>"$night/run-$i.log" \
    || { cat "$night/run-$i.log" >&2; echo "rehearse-vs-run: run $i failed" >&2; exit 4; }
  predicted=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["downtimeMs"])' "$night/rehearsal-$i.json")
  real=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["downtimeMs"])' "$night/run-$i.json")
  err=$(awk -v p="$predicted" -v r="$real" 'BEGIN { e = (p - r) / r * 100; printf "%+.1f", e }')
  night_errors+=("${err#+}")
  printf '| %d | %d ms | %d ms | %s %% |\n' "$i" "$predicted" "$real" "$err"
done
night_worst=$(printf '%s\n' "${night_errors[@]}" | awk '{ v = ($1 < 0 ? -$1 : $1); if (v > m) m = v } END { print m + 0 }')
echo
echo "night of $rows rows: worst |error| ${night_worst} %: within 25 % $(awk -v w="$night_worst" 'BEGIN { print (w <= 25 ? "for every pair" : "MISSED by at least one pair") }')"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $tgt WITH (FORCE)" -c "DROP DATABASE IF EXISTS $src" >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; $(date -u '+%Y-%m-%d %H:%M UTC')"
rm -rf "$work"
