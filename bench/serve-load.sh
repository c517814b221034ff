#!/usr/bin/env bash
# `ferry serve` under load (issue 14, must-show 5), from a second process on 127.0.0.1, bounded in time and
# count. The script makes a fresh PostgreSQL 15 database on 127.0.0.1:5432 and a workspace in a temp
# directory with 22 schema migrations (a table of five columns and an index each), 20 of them applied with
# `bin/ferry migrate --url … --target 20`, so that the status has real content (20 APPLIED, 2 PENDING).
# It starts `bin/ferry serve --url … --port 0` in the background with FERRY_API_KEYS holding a read and a
# run key made here at random (never printed; the server reads them from its environment, the load test
# its read key from FERRY_LOAD_KEY), waits for /api/health, then runs dev.ferry.bench.ServeLoad
# (ferry-bench) in a JVM of its own:
#   warm-up       the steady load for 5 s, so that the server's JIT has done its work before the measure
#                 (its row is shown and its errors count; its latencies are its own)
#   steady        200 client threads, each on its own keep-alive connection, GET /api/migrations with the
#                 read key for 30 s; every answer must be 200 with the very status body of the first (any
#                 other answer, or none within 30 s, is an error); p50/p90/p99/max latency and requests/s
#   under attack  the same valid load again while 16 other threads send 10,000 requests, each with a new
#                 random wrong key, from 127.0.0.2 (all of 127/8 is loopback on Linux): the server limits
#                 failed keys per client address, and an attacker is not the deploy pipeline. Paced over
#                 the steady phase's 30 s (334 a second; ATTACK_RATE=0 sends them flat out, over in a few
#                 seconds), it stops after 10,000 requests or 60 s, and the valid load with it; every wrong
#                 key must get 401 or 429, the valid requests meanwhile no error and a p99 at most twice
#                 the steady phase's.
# Then it stops the server (SIGTERM), checks its log against the load test's counts and for the keys
# (neither may appear), prints the table, the server's CPU time and the machine, and drops the database.
# Usage: bench/serve-load.sh [seconds] [clients] [wrong-keys]   (default 30 200 10000: about 2 minutes with
#        the builds; run it on a quiet machine, the server, PostgreSQL and the load share its cores)
# Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres), trust; BENCH_DB (ferry_bench_serve, made
# anew and dropped at the end); ATTACK_CLIENTS (16); ATTACK_RATE (wrong-keys / seconds, a second; 0: flat out);
# ATTACK_SECONDS (60); ATTACKER_ADDRESS (127.0.0.2);
# BENCH_WORK (the workspace, the server's log and the load test's output; by default a new directory under
# /tmp, removed when every target was met).
# Exit: 0 every target met · 2 bad arguments · 4 a target missed or a command failed (its log is kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
clients="${2:-200}"
wrong_keys="${3:-10000}"
attack_clients="${ATTACK_CLIENTS:-16}"
attack_seconds="${ATTACK_SECONDS:-60}"
attacker="${ATTACKER_ADDRESS:-127.0.0.2}"
attack_rate="${ATTACK_RATE:-}"
case "$seconds.$clients.$wrong_keys.$attack_clients.$attack_seconds" in *[!0-9.]* | 0.* | *.0.* | *.0 | *..*)
  echo "serve-load: seconds, clients, wrong-keys, ATTACK_CLIENTS and ATTACK_SECONDS are whole numbers from 1 (got '$seconds', '$clients', '$wrong_keys', '$attack_clients', '$attack_seconds'); usage: bench/serve-load.sh [seconds] [clients] [wrong-keys]" >&2
  exit 2 ;;
esac
case "$attack_rate" in *[!0-9]*) echo "serve-load: ATTACK_RATE is a whole number (0: flat out), not '$attack_rate'" >&2; exit 2 ;; esac
db="${BENCH_DB:-ferry_bench_serve}"
ferry="$root/bin/ferry"
work="${BENCH_WORK:-$(mktemp -d /tmp/ferry-bench-serve.XXXXXX)}"
mkdir -p "$work"
. "$root/bench/lib/common.sh"
url="postgresql://$PGUSER@$PGHOST:$PGPORT/$db"

q postgres "SELECT 1" >/dev/null || fail "cannot connect to $server (expected PostgreSQL 15 with trust for $PGUSER); hint: pg_ctlcluster 15 main start"
"$ferry" --version >/dev/null   # builds the jar when needed
(cd "$root" && ./mvnw -q -B -DskipTests -pl ferry-bench -am package) >&2   # ServeLoad and its class path
bench_target="$root/ferry-bench/target"

# The workspace: 22 migrations, 20 applied.
ws="$work/workspace"
mkdir -p "$ws/migrations"
for i in $(seq 1 22); do
  printf 'CREATE TABLE t_%d (id bigint PRIMARY KEY, a text, b integer, c timestamptz, d numeric(10,2));\nCREATE INDEX t_%d_a ON t_%d (a);\n' \
    "$i" "$i" "$i" >"$ws/migrations/V${i}__create_t_${i}.sql"
done
fresh_db "$db"
(cd "$ws" && "$ferry" migrate --url "$url" --target 20) >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; fail "ferry migrate failed"; }

# Keys: 32 hex characters from the kernel's random source, in variables only.
random_key() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
read_key="$(random_key)"
run_key="$(random_key)"

server_pid=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap 'stop_server; dropdb --if-exists "$db" 2>/dev/null || true' EXIT

# bin/ferry execs java, so $! is the server's JVM. --port 0: the kernel picks a free port, the log says which.
: >"$work/serve.log"   # there before the background shell opens it, for the loop below
(cd "$ws" && FERRY_API_KEYS="deploy:run:$run_key,viewer:read:$read_key" exec "$ferry" serve --url "$url" --port 0) \
  >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; server_pid=""; fail "ferry serve exited before it listened"; }
  port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$work/serve.log" | head -n 1)"
  [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health")" = 200 ] && break
  port=""
  sleep 0.5
done
[ -n "$port" ] || fail "ferry serve did not answer /api/health within 60 s (log: $work/serve.log)"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
ticks_before="$(cpu_ticks)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "ferry serve on 127.0.0.1:$port (pid $server_pid), database $db; work directory $work; load average $load_before"
set +e
FERRY_LOAD_KEY="$read_key" timeout $((seconds + attack_seconds + 180)) \
  java -cp "$bench_target/classes:$(cat "$bench_target/harness.classpath")" dev.ferry.bench.ServeLoad \
  --base="http://127.0.0.1:$port" --clients="$clients" --seconds="$seconds" --wrong-keys="$wrong_keys" \
  --attack-clients="$attack_clients" --attack-seconds="$attack_seconds" --attacker-address="$attacker" --expect-applied=20 \
  ${attack_rate:+--attack-rate="$attack_rate"} \
  >"$work/load.out" 2>"$work/load.err"
load_rc=$?
set -e
ticks_after="$(cpu_ticks)"
stop_server
cat "$work/load.err" >&2
[ "$load_rc" = 0 ] || [ "$load_rc" = 1 ] || { cat "$work/load.out"; fail "ServeLoad failed with exit $load_rc (output: $work/load.out, $work/load.err)"; }

# The server's own view: its log lines by status and client address, and no key anywhere in it.
for key in "$read_key" "$run_key"; do
  ! grep -qF "$key" "$work/serve.log" "$work/serve.out" || fail "a key appears in the server's log ($work/serve.log)"
done
log_count() { grep -c -E "^GET /api/migrations $1 key=$2 from $3 " "$work/serve.log" || true; }

echo
echo "\`ferry serve\` ($(git -C "$root" rev-parse --short HEAD)) on 127.0.0.1:$port, PostgreSQL $(q postgres "SHOW server_version") at $PGHOST:$PGPORT, status of 22 migrations (20 applied), $(sed -n 's/^status body \([0-9]*\) bytes.*/\1/p' "$work/load.err") bytes a body;"
machine "$load_before"
echo "load test: dev.ferry.bench.ServeLoad in its own JVM, $clients valid clients, $attack_clients attacking from $attacker ($(sed -n 's/.*from [0-9.]*, \(.*\) (at most.*/\1/p' "$work/load.err"))."
echo
grep -v '^{' "$work/load.out"
echo
echo "server CPU during the test: $(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }') s;" \
  "its log: $(log_count 200 viewer 127.0.0.1) × 200 to the read key from 127.0.0.1," \
  "$(log_count 401 - "$attacker") × 401 and $(log_count 429 - "$attacker") × 429 from $attacker," \
  "$(grep -c -v -E '^GET /api/migrations (200 key=viewer from 127\.0\.0\.1|(401|429) key=- from '"${attacker//./\\.}"') ' "$work/serve.log" || true) other lines."
echo
grep '^{' "$work/load.out"
dropdb --if-exists "$db"
[ "$load_rc" = 0 ] || { say "$bench_name: a target was missed (above); logs kept in $work"; exit 4; }
[ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
