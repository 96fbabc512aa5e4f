#!/usr/bin/env bash
# Profiles Switchboard under the peer bench's load with JDK Flight Recorder and prints the top lists (JfrTop.java):
# simulator in its own JVM, one run.sh level, the recording from after the warm-up to the end of the window.
#
#   bench/peer-bench/profile.sh [-c 20] [-w 20] [-d 60] [--no-build]   (output under /tmp/peer-bench/profile-*)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PEERBENCH=${PEERBENCH:-$HERE/harness}
LEVEL=20; WARMUP=20; DURATION=60; BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    -c) LEVEL=$2; shift 2;;
    -w) WARMUP=$2; shift 2;;
    -d) DURATION=$2; shift 2;;
    --no-build) BUILD=0; shift;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
exec 9>/tmp/switchboard-build.lock
flock 9
if [ $BUILD = 1 ]; then
  (cd "$ROOT" && mvn -B -ntp -o -q -pl simulator,bench -am package -DskipTests 9>&-)
fi
SIMJAR=$(ls "$ROOT"/simulator/target/switchboard-simulator-*-standalone.jar | head -1)
java -jar "$SIMJAR" 8088 > /tmp/peer-bench-simulator.log 2>&1 9>&- &
SIMPID=$!
trap 'kill -TERM $SIMPID 2>/dev/null; wait $SIMPID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null -u asterisk:asterisk http://127.0.0.1:8088/ari/asterisk/info && break
  sleep 0.5
done
OUT=${PEERBENCH_WORK:-/tmp/peer-bench}/profile-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT" "$(dirname "$OUT")/results"
# the node starts and registers within a few seconds: begin recording once the load generator's warm-up is over
# JFR's profile settings sample Java stacks every 10 ms, a few hundred samples at this load: sample every 1 ms
jfr configure --input profile jdk.ExecutionSample#period=1ms --output "$OUT/fine.jfc" > /dev/null
export SWITCHBOARD_SUT_JAVA_OPTS="-XX:StartFlightRecording=delay=$((WARMUP + 8))s,duration=$((DURATION - 5))s,settings=$OUT/fine.jfc,filename=$OUT/switchboard.jfr"
PEERBENCH_SERVER_PID=$SIMPID "$PEERBENCH/run.sh" -l switchboard-jfr -c "$LEVEL" -w "$WARMUP" -d "$DURATION" -o "$OUT" \
    -- "$HERE/switchboard-sut.sh" 9>&-
java "$HERE/JfrTop.java" "$OUT/switchboard.jfr" "$OUT/timings-c$LEVEL.csv" | tee "$OUT/top.txt"
echo "profile: $OUT"
