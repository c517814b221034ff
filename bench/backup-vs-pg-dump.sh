#!/usr/bin/env bash
# `ferry backup`, `ferry restore` and `ferry backup verify` against pg_dump / pg_restore 15 (issue 11),
# all measured in one run on one PostgreSQL 15 server (Debian's pg_dump is 15 and refuses newer servers).
# Source: database ferry_bench made once, when missing, by bench/data/customers.sql (5,000,000 rows with
# a jsonb payload) and bench/data/accounts.sql (2,000,000 rows), about 1.7 GB on disk; copies of the
# generators in ../shared/bench/ so that a clone can run this alone. Each run times, one fresh process
# each, wall time with JVM start: pg_dump -Fc, pg_dump -Fd -j 2, ferry backup --jobs 2 (which writes its
# manifest of counts and checksums), then pg_restore -j 2 of the -Fd dump and ferry restore --jobs 2, each
# into a freshly created empty database, then ferry backup verify --scratch on the same server. Backups
# and restores take turns at going first; CHECKPOINT and sync before every timed command. After every
# restore both restored databases are checked against the source: per table row count and an
# order-independent sum of hashtext(row::text), and the number of indexes and constraints; a difference
# is a failed run. Detail (once per run, after the main rows): ferry backup --jobs 1, and the largest
# table alone (a template copy of the source without the other tables) with ferry and pg_dump -Fc.
# Usage: bench/backup-vs-pg-dump.sh [runs] [detail]   (default 3 and yes; on 2 cores about 6 minutes a
#        run and 4 more for the detail once the source exists; generating it takes a few minutes more)
# Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres), trust or ~/.pgpass; BENCH_DB
# (ferry_bench); CUSTOMERS_ROWS / ACCOUNTS_ROWS (5000000 / 2000000, for a quick look at a smaller source:
# use another BENCH_DB); BENCH_WORK (a new directory under /tmp; needs about 3 GB); PG_DUMP, PG_RESTORE.
# Exit: 0 all commands succeeded and every restore was equal, whether or not the targets were met
#       (the table says) · 4 a command failed or a restore differed (its log is printed and kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
detail="${2:-yes}"
src="${BENCH_DB:-ferry_bench}"
customers_rows="${CUSTOMERS_ROWS:-5000000}"
accounts_rows="${ACCOUNTS_ROWS:-2000000}"
pg_dump="${PG_DUMP:-pg_dump}"
pg_restore="${PG_RESTORE:-pg_restore}"
ferry="$root/bin/ferry"
work="${BENCH_WORK:-$(mktemp -d /tmp/ferry-bench-backup.XXXXXX)}"
mkdir -p "$work"
. "$root/bench/lib/common.sh"
r_pg="${src}_r_pg"; r_ferry="${src}_r_ferry"; largest_db="${src}_largest"

"$ferry" --version >/dev/null   # builds the jar when needed
server_major=$(q postgres "SHOW server_version_num") || fail "cannot connect to $server (expected PostgreSQL 15 with trust for $PGUSER); hint: pg_ctlcluster 15 main start"
server_major=$((server_major / 10000))
dump_major=$("$pg_dump" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
restore_major=$("$pg_restore" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
[ "$dump_major" = "$server_major" ] && [ "$restore_major" = "$server_major" ] \
  || fail "pg_dump $dump_major / pg_restore $restore_major against server $server_major: the peers must be the server's major; set PG_DUMP and PG_RESTORE"

ensure_source
say "fingerprinting $src (row counts, row hash sums, indexes, constraints)…"
fingerprint "$src" >"$work/source.fingerprint"
src_bytes=$(q postgres "SELECT pg_database_size('$src')")

newest_backup() { ls -d "$1"/"$2"-* | tail -n 1; }

bk_pg_fc() { rm -f "$work/fc.dump"; timed "pg_dump -Fc" "$pg_dump" -Fc -f "$work/fc.dump" "$src"; }
bk_pg_fd() { rm -rf "$work/fd"; timed "pg_dump -Fd -j 2" "$pg_dump" -Fd -j 2 -f "$work/fd" "$src"; }
bk_ferry() { rm -rf "$work/ferry"; timed "ferry backup --jobs 2" "$ferry" backup --url "$server/$src" --out "$work/ferry" --jobs 2; }
rs_pg() { fresh_db "$r_pg"; timed "pg_restore -j 2 (of -Fd)" "$pg_restore" -j 2 -d "$r_pg" "$work/fd"; }
rs_ferry() { fresh_db "$r_ferry"; timed "ferry restore --jobs 2" "$ferry" restore "$(newest_backup "$work/ferry" "$src")" --url "$server/$r_ferry" --jobs 2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "$runs run(s); work directory $work; load average $load_before"
for run in $(seq 1 "$runs"); do
  say "run $run of $runs"
  backups=(bk_pg_fc bk_pg_fd bk_ferry); restores=(rs_pg rs_ferry)
  for i in 0 1 2; do "${backups[$(((i + run - 1) % 3))]}"; done
  fc_bytes=$(stat -c %s "$work/fc.dump"); fd_bytes=$(du -sb "$work/fd" | cut -f1)
  ferry_dir=$(newest_backup "$work/ferry" "$src"); ferry_bytes=$(du -sb "$ferry_dir" | cut -f1)
  for i in 0 1; do "${restores[$(((i + run - 1) % 2))]}"; done
  check_equal "$r_pg" "pg_restore"
  check_equal "$r_ferry" "ferry restore"
  dropdb "$r_pg"; dropdb "$r_ferry"
  timed "ferry backup verify --scratch" "$ferry" backup verify "$ferry_dir" --scratch "$server/postgres"
  if [ "$detail" = yes ]; then
    rm -rf "$work/ferry1"
    timed "ferry backup --jobs 1" "$ferry" backup --url "$server/$src" --out "$work/ferry1" --jobs 1
    rm -rf "$work/ferry1"
  fi
done

largest=""
if [ "$detail" = yes ]; then
  largest=$(q "$src" "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables ORDER BY pg_table_size(relid) DESC LIMIT 1")
  say "largest table alone: $largest (database $largest_db, a template copy of $src without the other tables)"
  dropdb --if-exists "$largest_db"
  q postgres "CREATE DATABASE $largest_db TEMPLATE $src"
  for t in $(q "$largest_db" "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables WHERE quote_ident(schemaname) || '.' || quote_ident(relname) <> '$largest'"); do
    q "$largest_db" "DROP TABLE $t CASCADE"
  done
  q "$largest_db" "VACUUM ANALYZE"
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/largest"
    timed "largest alone: ferry backup" "$ferry" backup --url "$server/$largest_db" --out "$work/largest"
    rm -f "$work/largest.dump"
    timed "largest alone: pg_dump -Fc" "$pg_dump" -Fc -f "$work/largest.dump" "$largest_db"
  done
  rm -rf "$work/largest" "$work/largest.dump"
  dropdb "$largest_db"
fi

# The table. Ratio = ferry / peer; the targets are issue 11's.
fb=$(m "ferry backup --jobs 2"); fc=$(m "pg_dump -Fc"); fd=$(m "pg_dump -Fd -j 2")
fr=$(m "ferry restore --jobs 2"); pr=$(m "pg_restore -j 2 (of -Fd)"); fv=$(m "ferry backup verify --scratch")
echo
echo "Source $src on PostgreSQL $(q postgres "SHOW server_version") at $PGHOST:$PGPORT, $(mb "$src_bytes") on disk;"
machine "$load_before"
echo "medians of $runs run(s), wall time with JVM start."
echo
row "measurement" "median" "runs (s)" "ferry / peer" "target"
row "---" "---" "---" "---" "---"
row "\`ferry backup --jobs 2\` (with manifest)" "**$fb s**" "${times[ferry backup --jobs 2]% }" "" ""
row "\`pg_dump -Fc\`" "$fc s" "${times[pg_dump -Fc]% }" "$(ratio "$fb" "$fc")" "≤ 0.70: $(verdict "$(ratio "$fb" "$fc")" 0.70)"
row "\`pg_dump -Fd -j 2\`" "$fd s" "${times[pg_dump -Fd -j 2]% }" "$(ratio "$fb" "$fd")" "≤ 1.00: $(verdict "$(ratio "$fb" "$fd")" 1.00)"
row "archive size, ferry" "**$(mb "$ferry_bytes")**" "" "" ""
row "archive size, \`pg_dump -Fc\`" "$(mb "$fc_bytes")" "" "$(ratio "$ferry_bytes" "$fc_bytes")" "≤ 1.10: $(verdict "$(ratio "$ferry_bytes" "$fc_bytes")" 1.10)"
row "archive size, \`pg_dump -Fd\` (for scale)" "$(mb "$fd_bytes")" "" "" ""
row "\`ferry restore --jobs 2\` into an empty database" "**$fr s**" "${times[ferry restore --jobs 2]% }" "" ""
row "\`pg_restore -j 2\` of the -Fd dump into an empty database" "$pr s" "${times[pg_restore -j 2 (of -Fd)]% }" "$(ratio "$fr" "$pr")" "≤ 1.00: $(verdict "$(ratio "$fr" "$pr")" 1.00)"
row "\`ferry backup verify --scratch\` (against that pg_restore)" "**$fv s**" "${times[ferry backup verify --scratch]% }" "$(ratio "$fv" "$pr")" "≤ 1.10: $(verdict "$(ratio "$fv" "$pr")" 1.10)"
if [ "$detail" = yes ]; then
  row "\`ferry backup --jobs 1\` (detail)" "$(m "ferry backup --jobs 1") s" "${times[ferry backup --jobs 1]% }" "" ""
  row "$largest alone: \`ferry backup\` (detail)" "$(m "largest alone: ferry backup") s" "${times[largest alone: ferry backup]% }" "" ""
  row "$largest alone: \`pg_dump -Fc\` (detail)" "$(m "largest alone: pg_dump -Fc") s" "${times[largest alone: pg_dump -Fc]% }" "" ""
fi
echo
echo "Every restore was checked equal to $src (per table rows and hash sums of row text, index and constraint counts)."
rm -rf "$work/fc.dump" "$work/fd" "$work/ferry"
