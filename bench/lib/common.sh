# Shared by the bench/ scripts that measure Ferry against PostgreSQL's tools on one server: connection
# settings, a database's fingerprint, timing with CHECKPOINT and sync before each command, medians and
# the markdown rows of the result table. Source it after setting `src` (the source database) and `work`.
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"   # no NOTICE from dropdb --if-exists
server="postgres://$PGUSER@$PGHOST:$PGPORT"
bench_name="$(basename "$0" .sh)"

q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
say() { echo "$*" >&2; }
fail() { say "$bench_name: $*"; say "logs kept in $work"; exit 4; }

# Fingerprint of a database: per table of $src rows and sum of row hashes, then the index and constraint counts.
fingerprint() {
  local db="$1" t out=""
  for t in $(q "$src" "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables ORDER BY 1"); do
    out+="$t $(q "$db" "SELECT count(*) || ' ' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM $t x")"$'\n'
  done
  out+="indexes $(q "$db" "SELECT count(*) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"$'\n'
  out+="constraints $(q "$db" "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')")"
  printf '%s\n' "$out"
}

check_equal() {   # $1 database, $2 label; compares with $work/source.fingerprint
  fingerprint "$1" >"$work/$1.fingerprint"
  diff "$work/source.fingerprint" "$work/$1.fingerprint" >&2 || fail "$2: database $1 differs from $src (above: < source, > copy)"
}

declare -A times   # label -> space-separated seconds of every run
timed() {   # $1 label, rest the command; fails the script when the command fails
  local label="$1" start end log="$work/$(echo "$1" | tr -c 'A-Za-z0-9\n' '_').log"
  shift
  q postgres "CHECKPOINT"; sync
  start=$(date +%s%N)
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "'$label' failed: $* (log: $log)"
  fi
  end=$(date +%s%N)
  times[$label]+="$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }') "
  say "  $label: $(echo "${times[$label]}" | awk '{ print $NF }') s"
}
median() { printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
m() { median "${times[$1]}"; }
fresh_db() { dropdb --if-exists "$1"; createdb "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "MISSED") }'; }
verdict_at_least() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "MISSED") }'; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
machine() {   # $1 load average before
  echo "$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -n 1); $(date -u '+%Y-%m-%d %H:%M UTC'); load average $1 before, $(cut -d' ' -f1-3 /proc/loadavg) after;"
}

# The source $src, made once by bench/data/customers.sql and accounts.sql ($customers_rows, $accounts_rows rows).
ensure_source() {
  if [ -z "$(q postgres "SELECT 1 FROM pg_database WHERE datname = '$src'")" ]; then
    say "creating $src: customers $customers_rows rows, accounts $accounts_rows rows (a few minutes)…"
    createdb "$src"
    (cd "$root/bench/data" \
      && psql -X -q -v ON_ERROR_STOP=1 -d "$src" -v rows="$customers_rows" -f customers.sql \
      && psql -X -q -v ON_ERROR_STOP=1 -d "$src" -v rows="$accounts_rows" -v tbl=accounts -f accounts.sql) \
      >"$work/generate.log" 2>&1 || { dropdb --if-exists "$src"; cat "$work/generate.log" >&2; fail "generating $src failed"; }
  fi
  have_c=$(q "$src" "SELECT count(*) FROM customers" 2>/dev/null || echo none)
  have_a=$(q "$src" "SELECT count(*) FROM accounts" 2>/dev/null || echo none)
  [ "$have_c" = "$customers_rows" ] && [ "$have_a" = "$accounts_rows" ] \
    || fail "database $src holds customers $have_c and accounts $have_a rows, expected $customers_rows and $accounts_rows; hint: dropdb -h $PGHOST -p $PGPORT -U $PGUSER $src (this script then generates it again)"
}
