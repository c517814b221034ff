#!/usr/bin/env bash
# Ferry against Flyway (latest 11.x, only in ferry-bench) on a throwaway embedded PostgreSQL 17:
# each applies the same 500 migrations (a table of five columns and an index each) to a fresh
# database of its own, one fresh JVM per run, alternating which goes first; then `ferry status`
# (and, for scale, Flyway's info) over a database with 1,000 applied migrations. Median wall time,
# JVM start included. The harness is dev.ferry.bench.MigrateVsFlyway; it checks every run's tables,
# indexes and history rows in the database, so a failed run cannot pass for a fast one.
# Usage: bench/migrate-vs-flyway.sh [runs] [status-runs]   (default 5 and 5; about a minute on 2 cores)
# Exit: 0 both targets met · 1 a target missed (table still printed) · 4 a run failed (logs kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
status_runs="${2:-5}"

(cd "$root" && ./mvnw -q -B -DskipTests -pl ferry-cli,ferry-bench -am package) >&2
target="$root/ferry-bench/target"
exec java -cp "$target/classes:$(cat "$target/harness.classpath")" dev.ferry.bench.MigrateVsFlyway \
  --runs="$runs" --status-runs="$status_runs" \
  --ferry-jar="$root/ferry-cli/target/ferry.jar" --classes="$target/classes" --flyway-classpath="$target/flyway.classpath"
