#!/usr/bin/env bash
# The flake check of issue 15: the whole suite N times in a row (default 3) on a clean clone of
# HEAD without ../shared, with every core kept busy by stress-ng for the whole series.
#   scripts/busy-suite.sh [runs]      (needs stress-ng: apt-get install stress-ng)
# Prints one line per run: exit code, wall time, load average, vitest's Tests line.
set -u
runs="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
git clone -q "$root" "$work/repo" && cd "$work/repo" || exit 1
git log --oneline -1
scripts/node24 npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || exit 1
stress-ng --cpu "$(nproc)" --cpu-method matrixprod --timeout 86400s --quiet &
stress=$!
trap 'kill $stress 2>/dev/null' EXIT
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  scripts/node24 npm test >"$work/run$i.txt" 2>&1
  rc=$?
  tests="$(sed 's/\x1b\[[0-9;]*m//g' "$work/run$i.txt" | grep -E '^\s+Tests ' | tail -1)"
  echo "run $i: exit $rc, $(($(date +%s) - start)) s, load $(cut -d' ' -f1-3 /proc/loadavg), $tests (log: $work/run$i.txt)"
done
