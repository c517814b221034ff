#!/usr/bin/env bash
# `ferry data run` against the two ways a team migrates data today (issue 13, must-show 6), all in one run
# on one PostgreSQL 15 server: the one set-based UPDATE (the limit) and a one-off script's row-by-row JDBC
# updates. Table: the 2,000,000-row `accounts` of bench/data/accounts.sql (a copy of ../shared/bench/),
# whose swift_bic_iban holds an IBAN, a SWIFT/BIC or NULL, generated once into a database of its own
# (ferry_bench_accounts) that is kept as the pristine template. Before each contender a fresh copy is made
# (CREATE DATABASE … TEMPLATE) and iban_number and swift_bic_number are added (ALTER TABLE … ADD COLUMN);
# then CHECKPOINT and sync, and wall time with start-up, in turns at going first:
#   set-based     bench/data/classify-set-based.sql through psql, one transaction
#   ferry SQL     migrations/data/D1__classify.sql, written here from the same file: the same CASE
#                 expressions with `-- ferry:batch table=accounts key=id size=10000`, WHERE id >= :from AND
#                 id < :to, and RETURNING id, 'migrated' AS outcome for the per-record log; run with
#                 `ferry data run --url …` from its work directory
#   ferry Java    the slot below, empty until the Java DataMigration with context.batches is built
#   row by row    dev.ferry.bench.RowByRowUpdate (ferry-bench): reads id and swift_bic_iban of the first
#                 50,000 rows, classifies them in Java with the same rules, one UPDATE … WHERE id = ? per
#                 row in autocommit. Scaled to the table: its wall time plus its per-row part (connection
#                 to last commit, JVM start left out) times (rows / 50,000 − 1).
# After each contender the table is checked against the set-based result: count and md5 of every row's
# iban_number/swift_bic_number in id order (row by row: over its 50,000 rows, and nothing after them
# touched); a difference is a failed run. The set-based UPDATE goes first in run 1, so that its result is
# there to compare with. The per-record log Ferry writes under reports/ must hold one line per row when
# this build writes one; the table says when it wrote none.
# Usage: bench/data-vs-update.sh [runs] [rows]   (default 1 and 2000000; 100000 rows, a check of the script, takes
#        about half a minute once built; the 2,000,000-row figures want a quiet machine)
# Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres), trust; BENCH_DB (ferry_bench_accounts,
# with _<rows> appended for another row count); ROW_BY_ROW_ROWS (50000); BENCH_WORK (a new directory under /tmp).
# Exit: 0 every contender ran and matched the set-based result, whether or not the targets were met (the
#       table says) · 2 bad arguments · 4 a command failed or a result differed (its log is printed and kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
rows="${2:-2000000}"
sample="${ROW_BY_ROW_ROWS:-50000}"
case "$runs.$rows.$sample" in *[!0-9.]* | 0.* | *.0.* | *.0 | *..*)
  echo "data-vs-update: runs, rows and ROW_BY_ROW_ROWS are whole numbers from 1 (got '$runs', '$rows', '$sample'); usage: bench/data-vs-update.sh [runs] [rows]" >&2
  exit 2 ;;
esac
[ "$sample" -le "$rows" ] || sample="$rows"
default_db=ferry_bench_accounts
[ "$rows" = 2000000 ] || default_db="ferry_bench_accounts_$rows"
src="${BENCH_DB:-$default_db}"
db="${src}_run"
ferry="$root/bin/ferry"
work="${BENCH_WORK:-$(mktemp -d /tmp/ferry-bench-data.XXXXXX)}"
mkdir -p "$work"
. "$root/bench/lib/common.sh"

q postgres "SELECT 1" >/dev/null || fail "cannot connect to $server (expected PostgreSQL 15 with trust for $PGUSER); hint: pg_ctlcluster 15 main start"
"$ferry" --version >/dev/null   # builds the jar when needed
(cd "$root" && ./mvnw -q -B -DskipTests -pl ferry-bench -am package) >&2   # RowByRowUpdate and its class path
bench_target="$root/ferry-bench/target"

# The pristine table, made once: a database holding accounts alone, never changed, the template of every copy.
ensure_accounts() {
  if [ -z "$(q postgres "SELECT 1 FROM pg_database WHERE datname = '$src'")" ]; then
    say "creating $src: accounts, $rows rows (about a minute for 2,000,000)…"
    createdb "$src"
    (cd "$root/bench/data" && psql -X -q -v ON_ERROR_STOP=1 -d "$src" -v rows="$rows" -v tbl=accounts -f accounts.sql) \
      >"$work/generate.log" 2>&1 || { dropdb --if-exists "$src"; cat "$work/generate.log" >&2; fail "generating $src failed"; }
  fi
  local have
  have=$(q "$src" "SELECT count(*) || ' rows, ' || (SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name IN ('iban_number', 'swift_bic_number')) || ' new columns' FROM accounts" 2>/dev/null || echo "no accounts table")
  [ "$have" = "$rows rows, 0 new columns" ] \
    || fail "database $src holds $have, expected $rows rows, 0 new columns (it is the pristine template); hint: dropdb -h $PGHOST -p $PGPORT -U $PGUSER $src (this script then generates it again)"
}

fresh_copy() {   # $db: a copy of the pristine table with the two new, empty columns
  dropdb --if-exists "$db"
  q postgres "CREATE DATABASE $db TEMPLATE $src STRATEGY FILE_COPY"
  q "$db" "ALTER TABLE accounts ADD COLUMN iban_number text, ADD COLUMN swift_bic_number text"
}

# Count and md5 of the classification in id order; with $2, over the first $2 rows only.
digest() {
  local where=""
  [ -n "${2:-}" ] && where="WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT $2)"
  q "$1" "SELECT count(*) || ' ' || md5(string_agg(coalesce(iban_number, '') || '/' || coalesce(swift_bic_number, ''), ',' ORDER BY id)) FROM accounts $where"
}

reference_all=""; reference_sample=""; classes=""
check_all() {   # $1 label: the whole table against the set-based result
  local got
  got=$(digest "$db")
  [ "$got" = "$reference_all" ] || fail "$1: the table differs from the set-based UPDATE's: count and md5 $got, expected $reference_all"
}

ferry_dir="$work/ferry-sql"
write_sql_form() {   # the set-based file's CASE expressions, run per key range, returning the per-record outcome
  mkdir -p "$ferry_dir/migrations/data"
  {
    echo "-- ferry:batch table=accounts key=id size=10000"
    grep -v '^--' "$root/bench/data/classify-set-based.sql" | sed '$ s/;[[:space:]]*$//'
    echo "WHERE id >= :from AND id < :to"
    echo "RETURNING id, 'migrated' AS outcome;"
  } >"$ferry_dir/migrations/data/D1__classify.sql"
}

c_set_based() {
  fresh_copy
  timed "set-based UPDATE" psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f "$root/bench/data/classify-set-based.sql"
  if [ -z "$reference_all" ]; then
    reference_all=$(digest "$db"); reference_sample=$(digest "$db" "$sample")
    classes=$(q "$db" "SELECT count(iban_number) || ' IBAN, ' || count(swift_bic_number) || ' SWIFT/BIC, ' || count(*) FILTER (WHERE swift_bic_iban IS NOT NULL AND iban_number IS NULL AND swift_bic_number IS NULL) || ' neither, ' || count(*) FILTER (WHERE swift_bic_iban IS NULL) || ' NULL' FROM accounts")
    case "$classes" in "0 IBAN"* | *" 0 SWIFT/BIC"*) fail "the set-based UPDATE classified nothing ($classes): is classify-set-based.sql the shared one?" ;; esac
  else
    check_all "set-based UPDATE"
  fi
}

log_lines=""
c_ferry_sql_jobs() {   # $1: --jobs
  local label="ferry data run (SQL)"
  [ "$1" = 1 ] || label="ferry data run (SQL, --jobs $1)"
  fresh_copy
  rm -rf "$ferry_dir/reports"
  cd "$ferry_dir"   # ferry finds migrations/data and writes reports/ here; not a subshell, so that timed keeps its times
  timed "$label" "$ferry" data run --jobs "$1" --url "postgresql://$PGUSER@$PGHOST:$PGPORT/$db"
  cd "$root"
  check_all "$label"
  local lines=0
  [ -d "$ferry_dir/reports" ] && lines=$(find "$ferry_dir/reports" -type f -exec cat {} + | wc -l)
  [ "$lines" = "$rows" ] || fail "$label: its per-record log under $ferry_dir/reports holds $lines lines for $rows rows"
  log_lines="$lines"
}
c_ferry_sql() { c_ferry_sql_jobs 1; }
c_ferry_sql2() { c_ferry_sql_jobs 2; }

# The Java form: dev.ferry.bench.ClassifyAccountsInBatches (the same rules as RowByRowUpdate.Classified,
# context.batches of 10,000, one UPDATE per batch joined to the batch's values, one outcome per row) in a
# jar of migrations/data that ferry finds by ServiceLoader, as a user's build would make it.
java_form=yes
java_dir="$work/ferry-java"
write_java_form() {
  mkdir -p "$java_dir/migrations/data" "$work/jar/META-INF/services" "$work/jar/dev/ferry/bench"
  cp "$bench_target"/classes/dev/ferry/bench/ClassifyAccountsInBatches.class "$bench_target"/classes/dev/ferry/bench/RowByRowUpdate*.class \
    "$work/jar/dev/ferry/bench/"
  echo dev.ferry.bench.ClassifyAccountsInBatches >"$work/jar/META-INF/services/dev.ferry.data.DataMigration"
  (cd "$work/jar" && jar cf "$java_dir/migrations/data/classify-accounts.jar" .)
}
java_log_lines=""
c_ferry_java() {
  fresh_copy
  rm -rf "$java_dir/reports"
  cd "$java_dir"
  timed "ferry data run (Java)" "$ferry" data run --url "postgresql://$PGUSER@$PGHOST:$PGPORT/$db"
  cd "$root"
  check_all "ferry data run (Java)"
  java_log_lines=$(cat "$java_dir/reports/data/D1.jsonl" | wc -l)
  [ "$java_log_lines" = "$rows" ] || fail "ferry data run (Java): its per-record log holds $java_log_lines lines for $rows rows"
}
# ---- end of the slot ----

c_row_by_row() {
  fresh_copy
  timed "row by row (measured)" java -cp "$bench_target/classes:$(cat "$bench_target/harness.classpath")" dev.ferry.bench.RowByRowUpdate \
    "jdbc:postgresql://$PGHOST:$PGPORT/$db" "$PGUSER" "$sample"
  local got wall inner stray
  got=$(digest "$db" "$sample")
  [ "$got" = "$reference_sample" ] || fail "row by row: its first $sample rows differ from the set-based UPDATE's: count and md5 $got, expected $reference_sample"
  stray=$(q "$db" "SELECT count(*) FROM accounts WHERE id > (SELECT max(id) FROM (SELECT id FROM accounts ORDER BY id LIMIT $sample) s) AND (iban_number IS NOT NULL OR swift_bic_number IS NOT NULL)")
  [ "$stray" = 0 ] || fail "row by row: $stray rows after its first $sample were changed"
  wall=$(echo "${times[row by row (measured)]}" | awk '{ print $NF }')
  inner=$(awk '/^row by row:/ { print $(NF - 1) }' "$work/row_by_row__measured_.log")
  [ -n "$inner" ] || fail "row by row: no time in $work/row_by_row__measured_.log"
  times[row by row (scaled)]+="$(awk -v w="$wall" -v i="$inner" -v f="$(ratio "$rows" "$sample")" 'BEGIN { printf "%.2f", w + i * (f - 1) }') "
}

ensure_accounts
write_sql_form
write_java_form
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "$runs run(s), $rows rows ($sample row by row); template $src, copies $db; work directory $work; load average $load_before"
contenders=(c_set_based c_ferry_sql c_ferry_sql2 c_row_by_row)
[ "$java_form" = yes ] && contenders+=(c_ferry_java)
for run in $(seq 1 "$runs"); do
  say "run $run of $runs"
  n=${#contenders[@]}
  for i in $(seq 0 $((n - 1))); do "${contenders[$(((i + run - 1) % n))]}"; done
done
dropdb --if-exists "$db"

# The table. Ferry's time over the set-based UPDATE's (target at most 1.15), row by row scaled over Ferry's (at least 25).
sb=$(m "set-based UPDATE"); fs=$(m "ferry data run (SQL)"); fs2=$(m "ferry data run (SQL, --jobs 2)"); rs=$(m "row by row (scaled)")
echo
echo "Table accounts ($rows rows, $(mb "$(q "$src" "SELECT pg_total_relation_size('accounts')")") with its key; $classes) on PostgreSQL $(q postgres "SHOW server_version") at $PGHOST:$PGPORT;"
machine "$load_before"
echo "medians of $runs run(s), wall time with start-up, each on a fresh copy of the table."
echo
row "measurement" "median" "runs (s)" "ratio" "target"
row "---" "---" "---" "---" "---"
row "set-based UPDATE (psql, one transaction)" "$sb s" "${times[set-based UPDATE]% }" "" ""
row "\`ferry data run\`, SQL form (10,000 rows a batch, checkpoints, per-record log)" "**$fs s**" "${times[ferry data run (SQL)]% }" \
  "Ferry / set-based $(ratio "$fs" "$sb")" "≤ 1.15: $(verdict "$(ratio "$fs" "$sb")" 1.15)"
row "\`ferry data run --jobs 2\`, SQL form (two key ranges at once, committed in key order)" "**$fs2 s**" "${times[ferry data run (SQL, --jobs 2)]% }" \
  "Ferry / set-based $(ratio "$fs2" "$sb")" "≤ 1.15: $(verdict "$(ratio "$fs2" "$sb")" 1.15)"
if [ "$java_form" = yes ]; then
  fj=$(m "ferry data run (Java)")
  row "\`ferry data run\`, Java form (10,000 rows a batch, checkpoints, per-record log)" "**$fj s**" "${times[ferry data run (Java)]% }" \
    "Ferry / set-based $(ratio "$fj" "$sb")" "≤ 1.15: $(verdict "$(ratio "$fj" "$sb")" 1.15)"
else
  row "\`ferry data run\`, Java form" "not built yet" "" "" ""
fi
row "row by row JDBC, autocommit, $sample rows measured" "$(m "row by row (measured)") s" "${times[row by row (measured)]% }" "" ""
row "row by row JDBC, scaled to $rows rows" "$rs s" "${times[row by row (scaled)]% }" \
  "row by row / Ferry SQL $(ratio "$rs" "$fs")" "≥ 25: $(verdict_at_least "$(ratio "$rs" "$fs")" 25)"
[ "$java_form" = yes ] && row "" "" "" "row by row / Ferry Java $(ratio "$rs" "$fj")" "≥ 25: $(verdict_at_least "$(ratio "$rs" "$fj")" 25)"
echo
echo "Every result was checked equal to the set-based UPDATE's (count and md5 of the new columns in id order; row by row over its $sample rows)."
if [ "$log_lines" = 0 ]; then
  echo "This build of ferry wrote no per-record log under reports/ (the SQL form's RETURNING id, 'migrated' AS outcome asks for one)."
else
  echo "Ferry's per-record log held one line per row ($log_lines)."
fi
