#!/usr/bin/env bash
# `ferry diff` between two databases against `pg_dump --schema-only` of one, on a throwaway embedded
# PostgreSQL 15 (Debian's pg_dump here is 15 and refuses newer servers). Database a: 1,000 tables of
# seven or eight mixed columns, one or two secondary indexes each, most with a foreign key to an
# earlier table, every fifth with a unique constraint; b = `CREATE DATABASE b TEMPLATE a` plus 50
# changes on 50 different tables. One fresh process per run, taking turns at going first; median
# wall time, JVM start included; `ferry diff` of a against itself for information. The harness is
# dev.ferry.bench.DiffVsPgDump; it checks every run's output (ferry names all 50 changed objects,
# a against a has no differences, pg_dump prints every table), so a broken run cannot pass.
# Usage: bench/diff-vs-pg-dump.sh [runs] [tables]   (default 5 and 1000; about a minute on 2 cores)
# Needs pg_dump 15 on the PATH (or PG_DUMP=/path/to/pg_dump) and linux-amd64 (the 15 binaries jar).
# Exit: 0 target met (ferry diff under 3x pg_dump) · 1 target missed (table still printed) · 4 a run failed (logs kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
tables="${2:-1000}"

(cd "$root" && ./mvnw -q -B -DskipTests -pl ferry-cli,ferry-bench -am package) >&2
target="$root/ferry-bench/target"
exec java -cp "$target/classes:$(cat "$target/harness.classpath")" dev.ferry.bench.DiffVsPgDump \
  --runs="$runs" --tables="$tables" --pg-dump="${PG_DUMP:-pg_dump}" \
  --ferry-jar="$root/ferry-cli/target/ferry.jar" --pg-binaries="$target/pg-binaries/postgres-15.jar"
