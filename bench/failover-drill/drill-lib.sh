# The failover drill's run, sourced by failover-drill.sh once the options are checked (see README.md).
# Callers are Local channels originated through ARI; their fates are read by polling ARI's channels and
# bridges every POLL_MS, so every time below is the poll that first saw it (up to POLL_MS late).
POLL_MS=250
PREFIX="${ID_PREFIX}${RUN}-"
declare -A PLACED=() STASIS=() ANSWERED=() TALKED=() HUNG=() ENDED=() BY=()
KILL_MS=""
KILLED_URL=""

now_ms() { date +%s%3N; }

log() { printf '%s %s\n' "$(date +%H:%M:%S.%3N)" "$*"; }

uri() { jq -rn --arg v "$1" '$v | @uri'; }

# a value inside double quotes of a curl config (read from stdin, so secrets stay out of the process list)
quoted() { local v="${1//\\/\\\\}"; printf '"%s"' "${v//\"/\\\"}"; }

# ari METHOD PATH: the body of Asterisk's answer; fails on an error status.
ari() {
  curl -sSf --max-time 5 -K - -X "$1" "$ARI_URL$2" <<< "user = $(quoted "$ARI_USER:$ARI_PASSWORD")"
}

# api NODE_URL METHOD PATH [JSON]: the body of the node's answer; fails on an error status or no answer.
api() {
  local data=()
  if (( $# >= 4 )); then data=(-H 'Content-Type: application/json' --data "$4"); fi
  curl -sSf --max-time 5 -K - -X "$2" ${data[@]+"${data[@]}"} "$1$3" <<< "header = $(quoted "Authorization: Bearer $TOKEN")"
}

login_agents() {
  local agent id endpoint
  for agent in ${AGENTS[@]+"${AGENTS[@]}"}; do
    id="${agent%%=*}" endpoint="${agent#*=}"
    api "${NODES[0]}" POST "/api/agents/$id/login" "$(jq -cn --arg a "$ASTERISK_ID" --arg e "$endpoint" \
      --arg q "$QUEUE" '{asteriskId: $a, endpoint: $e, queues: {($q): 0}}')" > /dev/null \
      || { echo "$PROG: logging in $id ($endpoint) through ${NODES[0]} failed" >&2; exit 1; }
    log "agent $id logged in to $QUEUE with $endpoint"
  done
}

# offered [EXCEPT_URL]: the queue's offered count (all time) from the first node that answers.
offered() {
  local node
  for node in "${NODES[@]}"; do
    [[ "$node" == "${1:-}" ]] && continue
    api "$node" GET "/api/queues/$(uri "$QUEUE")" 2> /dev/null | jq -e '.figures.offered // empty' && return 0
  done
  return 1
}

# victim: "host url" of the node --victim names, asked of the nodes' GET /api/cluster now.
victim() {
  local node cluster
  case "$VICTIM" in
    none) echo "- -"; return ;;
    [0-9]*) node="${NODES[VICTIM - 1]}" ;;
    *)
      node=""
      for candidate in "${NODES[@]}"; do
        cluster="$(api "$candidate" GET /api/cluster 2> /dev/null)" || continue
        if [[ "$VICTIM" == oldest ]] && jq -e '.self == .oldest' <<< "$cluster" > /dev/null; then
          node="$candidate"; break
        fi
        if [[ "$VICTIM" == queue ]] && jq -e --arg q "$QUEUE" '[.hosted.Queue.shards[]?[]] | index($q) != null' \
            <<< "$cluster" > /dev/null; then
          node="$candidate"; break
        fi
      done
      [[ -n "$node" ]] || { log "no node answered as the $VICTIM one; not killing anything"; echo "- -"; return; }
      ;;
  esac
  local host="${node#*://}"
  echo "${host%%:*} $node"
}

kill_node() {
  local host url command
  read -r host url <<< "$(victim)"
  KILL_MS="$(now_ms)"
  if [[ "$host" == - && "$VICTIM" != none ]]; then
    return
  fi
  command="${KILL_CMD//\{host\}/$host}"
  command="${command//\{url\}/$url}"
  [[ "$url" != - ]] && KILLED_URL="$url"
  log "killing ${url/#-/a node}: $command (output in $LOG_DIR/kill.log)"
  bash -c "$command" > "$LOG_DIR/kill.log" 2>&1 &
}

originate() {
  local n="$1" id="${PREFIX}$1"
  local query="endpoint=$(uri "$CALLER_ENDPOINT")&context=$(uri "$CALLER_CONTEXT")&extension=$(uri "$CALLER_EXTEN")"
  query+="&priority=1&timeout=60&channelId=$id&otherChannelId=$id-q&callerId=$(uri "Drill $n <$((5550000 + n))>")"
  PLACED[$n]="$(now_ms)"
  if ! ari POST "/channels?$query" > /dev/null 2>> "$LOG_DIR/ari-errors.log"; then
    log "caller $n: Asterisk refused the originate (see $LOG_DIR/ari-errors.log)"
    ENDED[$n]="${PLACED[$n]}" BY[$n]="refused"
  fi
}

# One look at Asterisk: which of our channels are up, in Stasis, answered, talking in a mixing bridge.
poll() {
  local channels bridges t id state app n
  channels="$(ari GET /channels 2>> "$LOG_DIR/ari-errors.log")" || return 0
  bridges="$(ari GET /bridges 2>> "$LOG_DIR/ari-errors.log")" || bridges='[]'
  t="$(now_ms)"
  declare -A live=()
  while IFS=$'\t' read -r id state app; do
    [[ -n "$id" ]] || continue
    live[$id]=1
    n="${id#"$PREFIX"}" n="${n%-q}"
    if [[ "$id" == *-q ]]; then
      if [[ "$app" == Stasis && -z "${STASIS[$n]:-}" ]]; then STASIS[$n]="$t"; fi
      if [[ "$state" == Up && "$app" == Stasis && -z "${ANSWERED[$n]:-}" ]]; then ANSWERED[$n]="$t"; fi
    fi
  done < <(jq -r --arg p "$PREFIX" '.[] | select(.id | startswith($p))
      | "\(.id)\t\(.state)\t\(.dialplan.app_name // "-" | if . == "" then "-" else . end)"' <<< "$channels")
  # the Switchboard side (;2) of a caller sharing a mixing bridge with a channel that is not a drill caller
  while read -r id; do
    [[ -n "$id" ]] || continue
    n="${id#"$PREFIX"}" n="${n%-q}"
    if [[ -z "${TALKED[$n]:-}" ]]; then TALKED[$n]="$t"; fi
  done < <(jq -r --arg p "$PREFIX" '.[] | select(.bridge_type == "mixing") | .channels as $c | $c[]
      | select(startswith($p) and endswith("-q")) | select(any($c[]; startswith($p) | not))' <<< "$bridges")
  for n in "${!PLACED[@]}"; do
    [[ -z "${ENDED[$n]:-}" ]] || continue
    id="${PREFIX}$n"
    if [[ -z "${live[$id]:-}" && -z "${live[$id-q]:-}" ]]; then
      ENDED[$n]="$t" BY[$n]="${HUNG[$n]:+caller}"
      BY[$n]="${BY[$n]:-switchboard}"
    elif [[ -n "${ANSWERED[$n]:-}" && -z "${HUNG[$n]:-}" ]] && (( t >= ANSWERED[$n] + TALK * 1000 )); then
      HUNG[$n]="$t"
      ari DELETE "/channels/$id" > /dev/null 2>&1 || true
    fi
  done
}

all_ended() {
  (( ${#ENDED[@]} == ${#PLACED[@]} ))
}

fate() {
  local n="$1"
  if [[ -z "${ANSWERED[$n]:-}" ]]; then echo never; elif [[ -n "${TALKED[$n]:-}" ]]; then echo talked
  elif [[ "${BY[$n]:-}" == caller ]]; then echo abandoned; else echo app; fi
}

print_fates() {
  local label rows=("before the kill" "0-$WINDOW s after" "later" "all") row n period
  declare -A count=()
  for n in "${!PLACED[@]}"; do
    if [[ -z "$KILL_MS" ]] || (( PLACED[$n] < KILL_MS )); then period=0
    elif (( PLACED[$n] < KILL_MS + WINDOW * 1000 )); then period=1; else period=2; fi
    for row in "$period" 3; do
      count[$row,placed]=$(( ${count[$row,placed]:-0} + 1 ))
      count[$row,$(fate "$n")]=$(( ${count[$row,$(fate "$n")]:-0} + 1 ))
    done
  done
  echo "| callers arriving | placed | talked to an agent | abandoned | hung up by Switchboard | never reached the queue |"
  echo "|---|---|---|---|---|---|"
  for row in 0 1 2 3; do
    label="${rows[row]}"
    echo "| $label | ${count[$row,placed]:-0} | ${count[$row,talked]:-0} | ${count[$row,abandoned]:-0}" \
         "| ${count[$row,app]:-0} | ${count[$row,never]:-0} |"
  done
}

run_drill() {
  LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/failover-drill.XXXXXX")"
  ari GET /asterisk/ping > /dev/null || { echo "$PROG: no answer from ARI at $ARI_URL" >&2; exit 1; }
  login_agents
  local offered_before offered_after start deadline next=1 killed=0 t n
  offered_before="$(offered)" || { echo "$PROG: no node answers GET /api/queues/$QUEUE" >&2; exit 1; }
  log "run $RUN: $CALLERS callers into $QUEUE, kill at $KILL_AFTER s; queue offered so far: $offered_before"
  start="$(now_ms)"
  deadline=$(( start + CALLERS * INTERVAL_MS + (TALK + 90) * 1000 ))
  while :; do
    t="$(now_ms)"
    if (( !killed && t >= start + KILL_AFTER * 1000 )); then kill_node; killed=1; fi
    while (( next <= CALLERS && t >= start + (next - 1) * INTERVAL_MS )); do originate "$next"; next=$(( next + 1 )); done
    poll
    if (( next > CALLERS )) && all_ended; then break; fi
    if (( t > deadline )); then
      for n in "${!PLACED[@]}"; do
        if [[ -z "${ENDED[$n]:-}" ]]; then
          log "caller $n still up at the deadline: hanging it up"
          ari DELETE "/channels/${PREFIX}$n" > /dev/null 2>&1 || true
          ENDED[$n]="$t" BY[$n]="left-up"
        fi
      done
      break
    fi
    sleep "0.$(printf '%03d' "$POLL_MS")"
  done

  local placed="${#PLACED[@]}" never=0 left=0 gap="" first_after=""
  for n in $(printf '%s\n' "${!PLACED[@]}" | sort -n); do
    [[ "$(fate "$n")" == never ]] && never=$(( never + 1 ))
    [[ "${BY[$n]}" == left-up ]] && left=$(( left + 1 ))
    if [[ -n "$KILL_MS" && -z "$first_after" ]] && (( PLACED[$n] >= KILL_MS )) && [[ -n "${ANSWERED[$n]:-}" ]]; then
      first_after="$n" gap=$(( ANSWERED[$n] - KILL_MS ))
    fi
  done
  # the queue's statistics follow the journal: give them a little time to count the last callers
  for _ in $(seq 1 30); do
    offered_after="$(offered "$KILLED_URL")" || offered_after="?"
    [[ "$offered_after" != "?" ]] && (( offered_after - offered_before >= placed )) && break
    sleep 1
  done

  echo
  print_fates
  echo
  if [[ -n "$gap" ]]; then
    echo "gap: caller $first_after, the first placed after the kill that Switchboard answered, was answered" \
         "$gap ms after the kill (measured by polling every $POLL_MS ms)"
  else
    echo "gap: no caller placed after the kill was answered"
  fi
  echo "queue $QUEUE offered: $offered_before before, $offered_after after (expected +$placed)"
  echo "agents of $QUEUE now:"
  local node
  for node in "${NODES[@]}"; do
    [[ "$node" == "$KILLED_URL" ]] && continue
    if api "$node" GET "/api/queues/$(uri "$QUEUE")" 2> /dev/null \
        | jq -r '.agents[] | "  \(.agentId) \(.state)"'; then break; fi
  done
  echo "logs: $LOG_DIR"

  local verdict=0
  (( never == 0 )) || { echo "FAILED: $never callers never reached the queue"; verdict=1; }
  (( left == 0 )) || { echo "FAILED: $left callers were still up at the deadline"; verdict=1; }
  if [[ -z "$gap" ]] || (( gap > MAX_GAP * 1000 )); then
    echo "FAILED: the gap is longer than $MAX_GAP s"; verdict=1
  fi
  if [[ "$offered_after" == "?" ]] || (( offered_after - offered_before != placed )); then
    echo "FAILED: the queue counted $(( ${offered_after/\?/0} - offered_before )) callers offered, not $placed" \
         "(other traffic into $QUEUE during the drill also counts)"
    verdict=1
  fi
  (( verdict == 0 )) && echo "PASSED"
  return "$verdict"
}
