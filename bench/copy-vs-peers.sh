#!/usr/bin/env bash
# `ferry copy` PostgreSQL → PostgreSQL against the ways people copy a table today (issue 12), all in one
# run on one PostgreSQL 15 server: a psql binary COPY pipe, pgloader and pgcopydb (Debian packages).
# Source: the 5,000,000-row `customers` table (jsonb payload, bigint primary key) of the benchmark
# database ferry_bench (bench/data, made once when missing, as bench/backup-vs-pg-dump.sh does), alone in
# a database of its own (ferry_bench_customers, a template copy without the other tables, kept for the
# next run). Each run copies it, schema, rows and primary key, into a freshly created empty database, one
# fresh process per tool, wall time with start-up, CHECKPOINT and sync before each, in turns at going first:
#   psql pipe   pre-data of pg_dump --schema-only; psql -c "COPY customers TO STDOUT (FORMAT binary)" |
#               psql -c "COPY customers FROM STDIN (FORMAT binary)"; then post-data (the primary key)
#   ferry copy  --jobs 2 (schema, rows in key ranges, key after; counts checked)
#   pgcopydb    clone --table-jobs 2 --index-jobs 2
#   pgloader    LOAD DATABASE with prefetch rows = 10000 (its defaults run out of heap on this table)
# After every copy the target is checked against the source (rows, sum of hashtext(row::text), index and
# constraint counts); a difference is a failed run.
# Usage: bench/copy-vs-peers.sh [runs] [pgloader]   (default 1 and yes; pgloader alone takes minutes)
# Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres), trust; BENCH_DB (ferry_bench);
# BENCH_WORK (a new directory under /tmp).
# Exit: 0 every command succeeded and every copy was equal, whether or not the targets were met (the
#       table says) · 4 a command failed or a copy differed (its log is printed and kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
with_pgloader="${2:-yes}"
base="${BENCH_DB:-ferry_bench}"
customers_rows=5000000; accounts_rows=2000000
ferry="$root/bin/ferry"
work="${BENCH_WORK:-$(mktemp -d /tmp/ferry-bench-copy.XXXXXX)}"
mkdir -p "$work"
src="$base"
. "$root/bench/lib/common.sh"

"$ferry" --version >/dev/null   # builds the jar when needed
for tool in pg_dump pgcopydb pgloader; do
  command -v "$tool" >/dev/null || fail "$tool is not installed; hint: apt-get install postgresql-client pgcopydb pgloader"
done
ensure_source
src="${base}_customers"
if [ -z "$(q postgres "SELECT 1 FROM pg_database WHERE datname = '$src'")" ]; then
  say "creating $src: a template copy of $base holding customers alone…"
  q postgres "CREATE DATABASE $src TEMPLATE $base"
  q "$src" "DROP TABLE accounts CASCADE"
  q "$src" "VACUUM ANALYZE"
fi
say "fingerprinting $src…"
fingerprint "$src" >"$work/source.fingerprint"
table_bytes=$(q "$src" "SELECT pg_total_relation_size('customers')")
dst="${base}_copy"

pipe() {
  pg_dump --schema-only --section=pre-data "$src" | psql -X -q -v ON_ERROR_STOP=1 -d "$dst" >/dev/null \
    && psql -X -q -v ON_ERROR_STOP=1 -d "$src" -c "COPY customers TO STDOUT (FORMAT binary)" \
       | psql -X -q -v ON_ERROR_STOP=1 -d "$dst" -c "COPY customers FROM STDIN (FORMAT binary)" \
    && pg_dump --schema-only --section=post-data "$src" | psql -X -q -v ON_ERROR_STOP=1 -d "$dst" >/dev/null
}
pgloader_file() {
  cat <<LOAD
LOAD DATABASE
  FROM pgsql://$PGUSER@$PGHOST:$PGPORT/$src
  INTO pgsql://$PGUSER@$PGHOST:$PGPORT/$dst
  WITH prefetch rows = 10000, create tables, create indexes, reset sequences, foreign keys;
LOAD
}
c_pipe() { fresh_db "$dst"; export -f pipe; export src dst; timed "psql COPY pipe" bash -c pipe; check_equal "$dst" "psql pipe"; }
c_ferry() { fresh_db "$dst"; timed "ferry copy --jobs 2" "$ferry" copy --from "$server/$src" --to "$server/$dst" --jobs 2; check_equal "$dst" "ferry copy"; }
c_pgcopydb() {
  fresh_db "$dst"; rm -rf "$work/pgcopydb"
  timed "pgcopydb clone" pgcopydb clone --source "$server/$src" --target "$server/$dst" --table-jobs 2 --index-jobs 2 --dir "$work/pgcopydb" --no-owner --no-acl
  check_equal "$dst" "pgcopydb"
}
c_pgloader() {
  fresh_db "$dst"; pgloader_file >"$work/copy.load"
  timed "pgloader" pgloader --no-ssl-cert-verification "$work/copy.load"
  check_equal "$dst" "pgloader"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "$runs run(s); work directory $work; load average $load_before"
copies=(c_pipe c_ferry c_pgcopydb)
[ "$with_pgloader" = yes ] && copies+=(c_pgloader)
for run in $(seq 1 "$runs"); do
  say "run $run of $runs"
  n=${#copies[@]}
  for i in $(seq 0 $((n - 1))); do "${copies[$(((i + run - 1) % n))]}"; done
done
dropdb --if-exists "$dst"

# The table. Ferry's time over the peer's; the targets are issue 12's (throughput ratios turned into times).
fc=$(m "ferry copy --jobs 2"); pp=$(m "psql COPY pipe"); pc=$(m "pgcopydb clone")
echo
echo "Source $src (customers, $customers_rows rows, $(mb "$table_bytes") with its key) on PostgreSQL $(q postgres "SHOW server_version") at $PGHOST:$PGPORT;"
machine "$load_before"
echo "medians of $runs run(s), wall time with start-up, each into a fresh empty database, primary key built."
echo
row "measurement" "median" "runs (s)" "ferry / peer" "target"
row "---" "---" "---" "---" "---"
row "\`ferry copy --jobs 2\`" "**$fc s**" "${times[ferry copy --jobs 2]% }" "" ""
row "psql binary COPY pipe, key after" "$pp s" "${times[psql COPY pipe]% }" "$(ratio "$fc" "$pp")" "≤ 1.00: $(verdict "$(ratio "$fc" "$pp")" 1.00)"
row "\`pgcopydb clone\` (table and index jobs 2)" "$pc s" "${times[pgcopydb clone]% }" "$(ratio "$fc" "$pc")" "< 1.00: $(verdict "$(ratio "$fc" "$pc")" 0.99)"
if [ "$with_pgloader" = yes ]; then
  pl=$(m "pgloader")
  row "\`pgloader\` (prefetch rows = 10000)" "$pl s" "${times[pgloader]% }" "$(ratio "$fc" "$pl")" "≤ 0.25: $(verdict "$(ratio "$fc" "$pl")" 0.25)"
fi
echo
echo "Every copy was checked equal to $src (rows, hash sums of row text, index and constraint counts)."
