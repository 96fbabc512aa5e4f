#!/usr/bin/env bash
# Switchboard against the peer bench's reference app (REST over the WebSocket), interleaved, on one ARI server:
# by default the simulated Asterisk in its own JVM (its CPU is counted apart). Prints every row and, per
# concurrency level, the ratio of SUT CPU per call (Switchboard / reference).
#
#   bench/peer-bench/compare.sh [-c "20 100"] [-w 20] [-d 60] [-r 2] [--no-build]
#       [--ari-url http://127.0.0.1:8088/ari --server-pid PID]   (a real Asterisk instead of the simulator)
#
# Holds /tmp/switchboard-build.lock for the whole measurement so that no build runs beside it.
# PEERBENCH (default bench/peer-bench/harness, the shared harness copied into the repository) is the harness.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PEERBENCH=${PEERBENCH:-$HERE/harness}
LEVELS="20 100"; WARMUP=20; DURATION=60; ROUNDS=2; BUILD=1; ARI_URL=""; SERVER_PID=""
while [ $# -gt 0 ]; do
  case "$1" in
    -c) LEVELS=$2; shift 2;;
    -w) WARMUP=$2; shift 2;;
    -d) DURATION=$2; shift 2;;
    -r) ROUNDS=$2; shift 2;;
    --no-build) BUILD=0; shift;;
    --ari-url) ARI_URL=$2; shift 2;;
    --server-pid) SERVER_PID=$2; shift 2;;
    *) echo "unknown option $1"; sed -n 2,10p "$0"; exit 2;;
  esac
done
[ -x "$PEERBENCH/run.sh" ] || { echo "no peer bench at $PEERBENCH (set PEERBENCH)"; exit 1; }

exec 9>/tmp/switchboard-build.lock
echo "waiting for /tmp/switchboard-build.lock"
flock 9
if [ $BUILD = 1 ]; then
  (cd "$ROOT" && mvn -B -ntp -o -q -pl simulator,bench -am package -DskipTests 9>&-)
fi

SIMPID=""
stop_sim() { [ -z "$SIMPID" ] || { kill -TERM "$SIMPID" 2>/dev/null; wait "$SIMPID" 2>/dev/null || true; SIMPID=""; }; }
trap stop_sim EXIT
if [ -z "$SERVER_PID" ]; then
  SIMJAR=$(ls "$ROOT"/simulator/target/switchboard-simulator-*-standalone.jar | head -1)
  java -jar "$SIMJAR" 8088 > /tmp/peer-bench-simulator.log 2>&1 9>&- &
  SIMPID=$!
  SERVER_PID=$SIMPID
  ARI_URL=${ARI_URL:-http://127.0.0.1:8088/ari}
  for _ in $(seq 1 120); do
    curl -s -o /dev/null -u asterisk:asterisk "$ARI_URL/asterisk/info" && break
    kill -0 "$SIMPID" || { echo "the simulator did not start:"; cat /tmp/peer-bench-simulator.log; exit 1; }
    sleep 0.5
  done
fi
export PEERBENCH_SERVER_PID=$SERVER_PID
export PEERBENCH_ARI_URL=${ARI_URL:-http://127.0.0.1:8088/ari}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${PEERBENCH_WORK:-/tmp/peer-bench}/compare-$STAMP
mkdir -p "$OUT" "$(dirname "$OUT")/results"   # run.sh appends every row to results/all.tsv there
echo "compare: levels \"$LEVELS\", warm-up $WARMUP s, measured $DURATION s, $ROUNDS rounds, server pid $SERVER_PID; out $OUT"
for r in $(seq 1 "$ROUNDS"); do
  "$PEERBENCH/run.sh" -l minimal-ws -c "$LEVELS" -w "$WARMUP" -d "$DURATION" -o "$OUT/r$r-minimal-ws" \
      -- env MINIMAL_TRANSPORT=ws "$PEERBENCH/minimal-sut.sh" 9>&-
  "$PEERBENCH/run.sh" -l switchboard -c "$LEVELS" -w "$WARMUP" -d "$DURATION" -o "$OUT/r$r-switchboard" \
      -- "$HERE/switchboard-sut.sh" 9>&-
done

echo
echo "== rows (round, then the runner's columns)"
for r in $(seq 1 "$ROUNDS"); do
  for f in "$OUT/r$r-minimal-ws/results.tsv" "$OUT/r$r-switchboard/results.tsv"; do
    [ $r = 1 ] && [ "$f" = "$OUT/r1-minimal-ws/results.tsv" ] && head -1 "$f" | sed 's/^/round\t/'
    tail -n +2 "$f" | sed "s/^/$r\t/"
  done
done | tee "$OUT/rows.tsv" | column -t -s $'\t'
echo
echo "== SUT CPU per call, Switchboard / reference (same round)"
for C in $LEVELS; do
  line="C=$C:"
  for r in $(seq 1 "$ROUNDS"); do
    ref=$(awk -F'\t' -v c="$C" 'NR>1 && $2==c {print $4}' "$OUT/r$r-minimal-ws/results.tsv")
    sb=$(awk -F'\t' -v c="$C" 'NR>1 && $2==c {print $4}' "$OUT/r$r-switchboard/results.tsv")
    line="$line  round $r: $sb / $ref ms = $(awk -v a="$sb" -v b="$ref" 'BEGIN{ if (b>0) printf "%.1fx", a/b; else print "n/a" }')"
  done
  echo "$line"
done | tee "$OUT/ratios.txt"
echo "results: $OUT"
