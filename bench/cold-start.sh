#!/usr/bin/env bash
# Cold start of the ferry command: median wall time of `bin/ferry --version` over N runs with the
# jar built, beside `java -jar` without the launcher, a bare JVM and a native client (psql) for scale.
# Usage: bench/cold-start.sh [runs]   (default 21)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-21}"
"$root/bin/ferry" --version >/dev/null   # builds the jar when needed

median_ms() {
  local times=() start end
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

printf '%-45s %s\n' "command ($runs runs, $(nproc) cores)" "median ms"
printf '%-45s %s\n' "bin/ferry --version" "$(median_ms "$root/bin/ferry" --version)"
printf '%-45s %s\n' "java -jar ferry.jar --version (no launcher)" "$(median_ms java -jar "$root/ferry-cli/target/ferry.jar" --version)"
printf '%-45s %s\n' "java -version (bare JVM, for scale)" "$(median_ms java -version)"
if command -v psql >/dev/null 2>&1; then
  printf '%-45s %s\n' "psql --version (native, for scale)" "$(median_ms psql --version)"
fi
