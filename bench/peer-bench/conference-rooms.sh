#!/usr/bin/env bash
# Conference rooms at scale: ROOMS rooms of 5 members each on one Switchboard node (SWITCHBOARD_SUT_FLOW=conference,
# journal in an H2 file), the simulated Asterisk in its own JVM. Prints the heap used after a forced GC per member
# (channel entity, flow, the room's share), then runs CHURN_SECONDS of churn (each second CHURN members hang up and
# as many new ones join the same rooms) while TALKS random members a second talk for 1.5 s, and prints the time from
# each ChannelTalkingStarted (Asterisk's timestamp) to the room's TALKING change reaching a subscriber of the node's
# room changes (what the live feed relays): p50, p99, max.
#
#   bench/peer-bench/conference-rooms.sh [ROOMS=1000] [--no-build]
#   env: CHURN=20 TALKS=50 CHURN_SECONDS=60 SETTLE=45 HISTOGRAM=<file for the class histogram with the members in>
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROOMS=1000; BUILD=1
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0;;
    *) ROOMS=$a;;
  esac
done
N=$((ROOMS * 5)); CHURN=${CHURN:-20}; TALKS=${TALKS:-50}; CHURN_SECONDS=${CHURN_SECONDS:-60}
exec 9>/tmp/switchboard-build.lock
flock 9
if [ $BUILD = 1 ]; then
  (cd "$ROOT" && mvn -B -ntp -o -q -pl simulator,bench -am package -DskipTests 9>&-)
fi
ARI=http://127.0.0.1:8088/ari; SIM=http://127.0.0.1:8088/sim; CRED=asterisk:asterisk
SIMJAR=$(ls "$ROOT"/simulator/target/switchboard-simulator-*-standalone.jar | head -1)
java -jar "$SIMJAR" 8088 > /tmp/conference-bench-simulator.log 2>&1 9>&- &
SIMPID=$!
SUTPID=""
TALKFILE=/tmp/conference-bench-talk.txt
rm -f "$TALKFILE"
cleanup() {
  [ -z "$SUTPID" ] || { kill -TERM "$SUTPID" 2>/dev/null; wait "$SUTPID" 2>/dev/null || true; }
  kill -TERM "$SIMPID" 2>/dev/null; wait "$SIMPID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null -u $CRED $ARI/asterisk/info && break; sleep 0.5; done

PEERBENCH_ARI_URL=$ARI SWITCHBOARD_SUT_FLOW=conference CONFERENCE_TALK_TIMINGS=$TALKFILE \
  "$HERE/switchboard-sut.sh" > /tmp/conference-bench-sut.log 2>&1 9>&- &
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
# members in rooms: channels in the rooms' bridges, as Asterisk has them
in_rooms() { curl -s -u $CRED $ARI/bridges | grep -o '"channels":\[[^]]*\]' | grep -o '"conf-[0-9]*"' | wc -l; }
room_of() { echo "room-$(( $1 % ROOMS ))"; }
originate() { # from to
  seq "$1" "$2" | while read -r n; do
    echo "url = \"$ARI/channels?endpoint=Local/$(room_of "$n")@inbound&context=sim&extension=answer&priority=1&channelId=phone-conf-$n&otherChannelId=conf-$n&timeout=30\""
    echo "-X POST"; echo "-u $CRED"; echo "-s"; echo "-o /dev/null"
  done > /tmp/conference-bench-urls.txt
  curl -s --no-progress-meter --parallel --parallel-max 8 -K /tmp/conference-bench-urls.txt
}
# warm-up: a few rooms, so that the classes of a member's path are loaded before the baseline; then they go
originate 1 50
for _ in $(seq 1 60); do [ "$(in_rooms)" -ge 50 ] && break; sleep 0.5; done
seq 1 50 | while read -r n; do echo "url = \"$SIM/channels/conf-$n/hangup\""; echo "-X POST"; echo "-s"; echo "-o /dev/null"; done \
  > /tmp/conference-bench-hangups.txt
curl -s --no-progress-meter --parallel --parallel-max 8 -K /tmp/conference-bench-hangups.txt
for _ in $(seq 1 60); do [ "$(in_rooms)" -eq 0 ] && break; sleep 0.5; done
sleep 3
BASE_HEAP=$(heap_used_kib); BASE_RSS=$(rss_kib)
echo "baseline: heap used after GC $BASE_HEAP KiB, RSS $BASE_RSS KiB"
T0=$(date +%s)
originate 101 $((100 + N))
for _ in $(seq 1 400); do IN=$(in_rooms); [ "$IN" -ge "$N" ] && break; sleep 0.5; done
T1=$(date +%s)
echo "$IN members in $ROOMS rooms ($((T1 - T0)) s to set up)"
# the set-up's command and ask timeouts hold their requests until they are due (the members' calls stay up: the
# simulator hangs an answered [sim] answer call up only after 120 s, so set-up + SETTLE must stay under that)
sleep "${SETTLE:-45}"
HEAP=$(heap_used_kib); RSS=$(rss_kib); IN=$(in_rooms)
echo "$IN members in rooms ${SETTLE:-45} s later: heap used after GC $HEAP KiB, RSS $RSS KiB"
# HISTOGRAM=<file>: the node's class histogram at this point, to see what the members hold
[ -z "${HISTOGRAM:-}" ] || jcmd "$SUTPID" GC.class_histogram > "$HISTOGRAM"
awk -v h="$HEAP" -v b="$BASE_HEAP" -v n="$IN" -v r="$RSS" -v br="$BASE_RSS" 'BEGIN {
  printf "heap per member: %.2f KiB ((%d - %d) KiB / %d members); RSS per member %.2f KiB\n",
    (h - b) / n, h, b, n, (r - br) / n }'
if [ "$CHURN_SECONDS" -gt 0 ]; then
  NEXT=$((101 + N)); OLDEST=101
  : > "$TALKFILE.start"
  for s in $(seq 1 "$CHURN_SECONDS"); do
    SECOND_START=$(date +%s%N)
    {
      for _ in $(seq 1 "$CHURN"); do echo "url = \"$SIM/channels/conf-$OLDEST/hangup\""; echo "-X POST"; echo "-s"; echo "-o /dev/null"; OLDEST=$((OLDEST + 1)); done
      for _ in $(seq 1 "$TALKS"); do
        echo "url = \"$SIM/channels/conf-$(( OLDEST + RANDOM % (N - CHURN) ))/talk?ms=1500\""; echo "-X POST"; echo "-s"; echo "-o /dev/null"
      done
    } > /tmp/conference-bench-second.txt

    curl -s --no-progress-meter --parallel --parallel-max 8 -K /tmp/conference-bench-second.txt
    originate "$NEXT" $((NEXT + CHURN - 1)); NEXT=$((NEXT + CHURN))
    ELAPSED=$(( ($(date +%s%N) - SECOND_START) / 1000000 ))
    [ "$ELAPSED" -lt 1000 ] && sleep "0.$(printf '%03d' $((1000 - ELAPSED)))"
  done
  sleep 5
  echo "churn: $CHURN_SECONDS s of $CHURN members leaving and $CHURN joining a second, $TALKS talks a second requested; $(in_rooms) members in rooms at the end"
  sort -n "$TALKFILE" | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "talk timings: none"; exit }
    p50 = v[int(NR * 0.50) > 0 ? int(NR * 0.50) : 1]; p99 = v[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1]
    printf "ChannelTalkingStarted -> room change at a subscriber: %d talks, p50 %d ms, p99 %d ms, max %d ms\n", NR, p50, p99, v[NR] }'
fi
