#!/usr/bin/env bash
# Measures how long the service takes to be ready again after its embedded Neo4j is killed
# (kill -9 of the JVM, nobody touching anything): starts `npm start` on a free port with its own
# data folder (seeded), kills the JVM ROUNDS times and prints the seconds until /ready is 200.
# Usage: scripts/measure-restart.sh [rounds=2] [port=4400]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
PORT=${2:-4400}
DATA=$(mktemp -d /tmp/cdg-measure-XXXX)
LOG=$DATA/service.log
setsid env PORT=$PORT NEO4J_EMBEDDED_PORT=0 NEO4J_EMBEDDED_DATA_DIR=$DATA/db LOG_LEVEL=info \
  scripts/node24 npm start >"$LOG" 2>&1 &
SERVICE=$!
# Its own process group (setsid): npm, tsx and the service stop together.
cleanup() {
  kill -TERM -- -"$SERVICE" 2>/dev/null
  # The service stops its JVM on the way out: remove the folder only once both are gone.
  for _ in $(seq 1 120); do pgrep -f -- "$DATA" >/dev/null || break; sleep 0.5; done
  rm -rf "$DATA"
}
trap cleanup EXIT
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/ready")" = 200 ]; }
jvm() { pgrep -f -- "--data-dir $DATA/db" | head -1; }
for _ in $(seq 1 900); do ready && break; sleep 1; done
ready || { echo "service never became ready"; tail -20 "$LOG"; exit 1; }
echo "started; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  sleep 5
  PID=$(jvm)
  START=$(date +%s.%N)
  kill -9 "$PID"
  # /ready goes 503 first (the health monitor sees the JVM gone), then 200 again.
  for _ in $(seq 1 100); do ready || break; sleep 0.1; done
  DOWN=$(date +%s.%N)
  for _ in $(seq 1 3000); do ready && break; sleep 0.1; done
  END=$(date +%s.%N)
  echo "round $round: killed pid $PID; /ready 503 after $(echo "$DOWN - $START" | bc) s, 200 again after $(echo "$END - $START" | bc) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
grep -E 'restarted|exited unexpectedly|is ready' "$LOG" | sed -E 's/.*"startupMs":([0-9]+).*"msg":"([^"]*)".*/\2 startupMs=\1/' | tail -n $((ROUNDS * 2 + 1))
