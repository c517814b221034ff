#!/usr/bin/env bash
# `ferry copy` MariaDB → PostgreSQL against pgloader (issue 12), in one run on this machine's MariaDB
# (127.0.0.1:3306, root) and PostgreSQL 15 (127.0.0.1:5432, postgres, trust). Source: the customers
# table of bench/data/customers-mariadb.sql (the rows bench/data/customers.sql makes in PostgreSQL;
# 5,000,000 unless CUSTOMERS_ROWS says otherwise) in the MariaDB database ferry_bench_my, made once when
# missing. Each run copies schema, rows and primary key into a PostgreSQL database created empty just
# before, one fresh process per tool, wall time with start-up, in turns at going first:
#   ferry copy --jobs 2              (type mapping, binary COPY, key after; counts checked)
#   pgloader   LOAD DATABASE with prefetch rows = 10000 (its defaults run out of heap on this table)
# After each, the target's rows, sum of ids and sum of amounts are checked against the source.
# Usage: bench/copy-mariadb-vs-pgloader.sh [runs]   (default 1)
# Exit: 0 every command succeeded and every copy was equal (whether or not the target was met) · 4 not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
rows="${CUSTOMERS_ROWS:-5000000}"
ferry="$root/bin/ferry"
work="${BENCH_WORK:-$(mktemp -d /tmp/ferry-bench-mariadb.XXXXXX)}"
mkdir -p "$work"
src="${BENCH_MY_DB:-ferry_bench_my}"
. "$root/bench/lib/common.sh"
my() { mariadb -h 127.0.0.1 -P 3306 -u root -N -B "$@"; }

"$ferry" --version >/dev/null   # builds the jar when needed
command -v pgloader >/dev/null || fail "pgloader is not installed; hint: apt-get install pgloader"
my -e "SELECT 1" >/dev/null || fail "cannot connect to MariaDB on 127.0.0.1:3306 as root"
have=$(my -e "SELECT COUNT(*) FROM \`$src\`.customers" 2>/dev/null || echo none)
if [ "$have" != "$rows" ]; then
  say "creating $src.customers in MariaDB: $rows rows (a few minutes)…"
  my -e "DROP DATABASE IF EXISTS \`$src\`; CREATE DATABASE \`$src\`"
  { echo "SET @rows = $rows;"; cat "$root/bench/data/customers-mariadb.sql"; } | my "$src" >"$work/generate.log" 2>&1 \
    || { cat "$work/generate.log" >&2; fail "generating $src failed"; }
fi
expect=$(my -e "SELECT CONCAT(COUNT(*), ' ', SUM(id), ' ', SUM(amount)) FROM \`$src\`.customers")
dst="${src}_to_pg"

check() {   # $1 label
  local got
  got=$(q "$dst" "SELECT count(*) || ' ' || sum(id) || ' ' || sum(amount) FROM customers")
  [ "$got" = "$expect" ] || fail "$1: $dst holds '$got' (rows, sum of ids, sum of amounts), the source '$expect'"
  [ "$(q "$dst" "SELECT count(*) FROM pg_indexes WHERE tablename = 'customers'")" -ge 1 ] || fail "$1: no primary key on $dst.customers"
}
c_ferry() {
  fresh_db "$dst"
  timed "ferry copy --jobs 2" "$ferry" copy --from "mysql://root@127.0.0.1:3306/$src" --to "$server/$dst" --jobs 2
  check "ferry copy"
}
c_pgloader() {
  fresh_db "$dst"
  printf 'LOAD DATABASE\n  FROM mysql://root@127.0.0.1:3306/%s\n  INTO postgresql://%s@%s:%s/%s\n  WITH prefetch rows = 10000\n  ALTER SCHEMA '"'"'%s'"'"' RENAME TO '"'"'public'"'"';\n' \
    "$src" "$PGUSER" "$PGHOST" "$PGPORT" "$dst" "$src" >"$work/my.load"
  timed "pgloader" pgloader --no-ssl-cert-verification "$work/my.load"
  check "pgloader"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "$runs run(s); work directory $work; load average $load_before"
copies=(c_ferry c_pgloader)
for run in $(seq 1 "$runs"); do
  say "run $run of $runs"
  for i in 0 1; do "${copies[$(((i + run - 1) % 2))]}"; done
done
dropdb --if-exists "$dst"

fc=$(m "ferry copy --jobs 2"); pl=$(m "pgloader")
echo
echo "Source $src.customers on MariaDB $(my -e "SELECT VERSION()") ($rows rows) into PostgreSQL $(q postgres "SHOW server_version") on this machine;"
machine "$load_before"
echo "medians of $runs run(s), wall time with start-up, each into a fresh empty database, primary key built."
echo
row "measurement" "median" "runs (s)" "ferry / peer" "target"
row "---" "---" "---" "---" "---"
row "\`ferry copy --jobs 2\` MariaDB → PostgreSQL" "**$fc s**" "${times[ferry copy --jobs 2]% }" "" ""
row "\`pgloader\` (prefetch rows = 10000)" "$pl s" "${times[pgloader]% }" "$(ratio "$fc" "$pl")" "≤ 0.25: $(verdict "$(ratio "$fc" "$pl")" 0.25)"
echo
echo "Every copy was checked against the source (rows, sum of ids, sum of amounts, a primary key)."
