#!/usr/bin/env bash
# Heap per live call: Switchboard (SWITCHBOARD_SUT_FLOW=hold: answer, then wait for the caller to hang up) with N
# callers held up in the simulated Asterisk (extension [sim] answer: Answer(), Wait(120), so all N must be up within
# 120 s of the first). Prints the heap used after a forced GC before the calls and with them, and the difference
# per call, and the node's RSS.
#
#   bench/peer-bench/held-calls.sh [N=10000] [--no-build] [--queue]
#
# --queue: the node's queue flow instead (SWITCHBOARD_SUT_FLOW=queue, journal in an H2 file, no agents): every caller
# waits in queue "support", so the figure is the heap per waiting caller, channel entity and queue flow included.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=10000; BUILD=1; FLOW=hold
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0;;
    --queue) FLOW=queue;;
    *) N=$a;;
  esac
done
exec 9>/tmp/switchboard-build.lock
flock 9
if [ $BUILD = 1 ]; then
  (cd "$ROOT" && mvn -B -ntp -o -q -pl simulator,bench -am package -DskipTests 9>&-)
fi
ARI=http://127.0.0.1:8088/ari; CRED=asterisk:asterisk
SIMJAR=$(ls "$ROOT"/simulator/target/switchboard-simulator-*-standalone.jar | head -1)
java -jar "$SIMJAR" 8088 > /tmp/peer-bench-simulator.log 2>&1 9>&- &
SIMPID=$!
SUTPID=""
cleanup() {
  [ -z "$SUTPID" ] || { kill -TERM "$SUTPID" 2>/dev/null; wait "$SUTPID" 2>/dev/null || true; }
  kill -TERM "$SIMPID" 2>/dev/null; wait "$SIMPID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null -u $CRED $ARI/asterisk/info && break; sleep 0.5; done

PEERBENCH_ARI_URL=$ARI SWITCHBOARD_SUT_FLOW=$FLOW "$HERE/switchboard-sut.sh" > /tmp/peer-bench-held-sut.log 2>&1 9>&- &
SUTPID=$!
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u $CRED $ARI/applications/callcenter)" = 200 ] && break; sleep 0.25
done
heap_used_kib() {
  jcmd "$SUTPID" GC.run > /dev/null
  sleep 1
  jcmd "$SUTPID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9
}
rss_kib() { awk '/VmRSS/{print $2}' "/proc/$SUTPID/status"; }
# a few calls first, so that the classes of a call's path are loaded before the baseline
up_callers() { curl -s -u $CRED $ARI/channels | grep -o '"id":"hold-[0-9]*"[^}]*"state":"Up"' | wc -l; }
originate() { # from to
  seq -f "%06g" "$1" "$2" | while read -r n; do
    echo "url = \"$ARI/channels?endpoint=Local/support@inbound&context=sim&extension=answer&priority=1&channelId=phone-hold-$n&otherChannelId=hold-$n&timeout=30\""
    echo "-X POST"; echo "-u $CRED"; echo "-s"; echo "-o /dev/null"
  done > /tmp/peer-bench-held-urls.txt
  curl -s --no-progress-meter --parallel --parallel-max 8 -K /tmp/peer-bench-held-urls.txt
}
originate 1 100
sleep 3
BASE_HEAP=$(heap_used_kib); BASE_RSS=$(rss_kib); BASE_UP=$(up_callers)
echo "baseline: $BASE_UP calls held, heap used after GC $BASE_HEAP KiB, RSS $BASE_RSS KiB"
T0=$(date +%s)
originate 101 "$N"
for _ in $(seq 1 200); do
  UP=$(up_callers); [ "$UP" -ge "$N" ] && break; sleep 0.5
done
T1=$(date +%s)
HEAP=$(heap_used_kib); UP=$(up_callers)
echo "held: $UP calls up ($((T1 - T0)) s to set up), heap used after GC right after the set-up $HEAP KiB (timeouts of the set-up's commands still pending)"
# the set-up's command and ask timeouts hold their requests until they are due: measure again once they have passed
# (the simulator hangs the calls up 120 s after answering them, so set-up + SETTLE must stay well under that)
sleep "${SETTLE:-45}"
HEAP=$(heap_used_kib); RSS=$(rss_kib); UP=$(up_callers)
echo "held: $UP calls up ${SETTLE:-45} s later, heap used after GC $HEAP KiB, RSS $RSS KiB"
# HISTOGRAM=<file>: the node's class histogram at this point, to see what the calls hold
[ -z "${HISTOGRAM:-}" ] || jcmd "$SUTPID" GC.class_histogram > "$HISTOGRAM"
awk -v h="$HEAP" -v b="$BASE_HEAP" -v n="$UP" -v m="$BASE_UP" -v r="$RSS" -v br="$BASE_RSS" 'BEGIN {
  printf "heap per held call: %.2f KiB ((%d - %d) KiB / (%d - %d) calls); RSS per held call %.2f KiB\n",
    (h - b) / (n - m), h, b, n, m, (r - br) / (n - m) }'
