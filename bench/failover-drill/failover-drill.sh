#!/usr/bin/env bash
# Failover drill against a real Asterisk: callers arrive one a second into the Switchboard queue, one node is
# killed partway through, and the drill prints what became of every caller (see README.md beside this file).
# Needs bash 4+, curl, jq and GNU date. --help lists the options; --dry-run checks them and prints the plan.
set -euo pipefail

PROG="failover-drill"

usage() {
  cat <<'EOF'
Usage: failover-drill.sh --ari-url URL --ari-user USER (--ari-password-file FILE | env ARI_PASSWORD)
                         --caller-endpoint DIAL --nodes URL,URL,... (--token-file FILE | env SWITCHBOARD_API_TOKEN)
                         --kill-cmd CMD [options]

Asterisk
  --ari-url URL            Asterisk's ARI base URL, e.g. http://pbx1:8088/ari
  --ari-user USER          an ARI user (ari.conf) allowed to originate and hang up channels
  --ari-password-file F    file holding its password (else env ARI_PASSWORD)
  --caller-endpoint DIAL   the Local channel a caller dials, whose dialplan runs Stasis(callcenter,<queue>),
                           e.g. Local/support@failover-drill
  --caller-context CTX     where the caller's own half (;1) waits once answered (default failover-drill-caller)
  --caller-exten EXTEN     ... at this extension, priority 1 (default wait)

Switchboard
  --nodes URLS             the nodes' management API base URLs, comma-separated, e.g. http://node1:8080,...
  --token-file F           file holding the API's bearer token (else env SWITCHBOARD_API_TOKEN)
  --queue NAME             the queue the callers wait in (default support)
  --agent ID=ENDPOINT      log this agent in to the queue before the run (repeatable), e.g. agent1=PJSIP/agent1
  --asterisk-id ID         the Asterisk id of switchboard.asterisk.servers the agents log in on (needed with --agent)

The drill
  --kill-cmd CMD           the command that kills one node, run by bash at --kill-after; {host} and {url} stand
                           for the host and API URL of the node --victim picks, e.g. 'ssh {host} pkill -9 -f switchboard-platform'
  --victim WHO             none (default: CMD names its target itself), queue (the node hosting --queue now),
                           oldest (the oldest member: where cluster singletons run), or N (the N-th of --nodes)
  --callers N              callers placed, one every --interval-ms (default 40)
  --interval-ms MS         time between two callers (default 1000)
  --kill-after S           seconds after the first caller when the node is killed (default 12)
  --talk S                 a caller hangs up S seconds after Switchboard answers it (default 10)
  --window S               the fate table's "0-S s after the kill" row (default 10)
  --max-gap S              the drill fails when the first caller placed after the kill waits longer than S
                           seconds to be answered (default 5)
  --id-prefix P            the callers' channel ids are P<run>-<n> (default drill-)
  --dry-run                check the options, print the plan and exit without calling anything
  --help                   this text

Exit status: 0 the drill passed, 1 a caller was lost or the gap was too long, 2 bad options or missing tools.
EOF
}

fail_usage() {
  echo "$PROG: $1" >&2
  echo "$PROG: see --help" >&2
  exit 2
}

is_count() {
  [[ "$1" =~ ^[0-9]+$ ]] && (( 10#$1 > 0 ))
}

# ---- options -------------------------------------------------------------------------------------------------
ARI_URL="" ARI_USER="" ARI_PASSWORD_FILE="" CALLER_ENDPOINT="" CALLER_CONTEXT="failover-drill-caller"
CALLER_EXTEN="wait" NODES_ARG="" TOKEN_FILE="" QUEUE="support" ASTERISK_ID="" KILL_CMD="" VICTIM="none"
CALLERS=40 INTERVAL_MS=1000 KILL_AFTER=12 TALK=10 WINDOW=10 MAX_GAP=5 ID_PREFIX="drill-" DRY_RUN=0
AGENTS=()

while (( $# > 0 )); do
  option="$1"
  case "$option" in
    --help|-h) usage; exit 0 ;;
    --dry-run) DRY_RUN=1; shift; continue ;;
  esac
  (( $# >= 2 )) || fail_usage "$option needs a value"
  value="$2"
  case "$option" in
    --ari-url) ARI_URL="${value%/}" ;;
    --ari-user) ARI_USER="$value" ;;
    --ari-password-file) ARI_PASSWORD_FILE="$value" ;;
    --caller-endpoint) CALLER_ENDPOINT="$value" ;;
    --caller-context) CALLER_CONTEXT="$value" ;;
    --caller-exten) CALLER_EXTEN="$value" ;;
    --nodes) NODES_ARG="$value" ;;
    --token-file) TOKEN_FILE="$value" ;;
    --queue) QUEUE="$value" ;;
    --agent) AGENTS+=("$value") ;;
    --asterisk-id) ASTERISK_ID="$value" ;;
    --kill-cmd) KILL_CMD="$value" ;;
    --victim) VICTIM="$value" ;;
    --callers) CALLERS="$value" ;;
    --interval-ms) INTERVAL_MS="$value" ;;
    --kill-after) KILL_AFTER="$value" ;;
    --talk) TALK="$value" ;;
    --window) WINDOW="$value" ;;
    --max-gap) MAX_GAP="$value" ;;
    --id-prefix) ID_PREFIX="$value" ;;
    *) fail_usage "unknown option $option" ;;
  esac
  shift 2
done

[[ -n "$ARI_URL" ]] || fail_usage "--ari-url is required, e.g. http://pbx1:8088/ari"
[[ "$ARI_URL" =~ ^https?:// ]] || fail_usage "--ari-url must start with http:// or https://, got $ARI_URL"
[[ -n "$ARI_USER" ]] || fail_usage "--ari-user is required"
[[ -n "$CALLER_ENDPOINT" ]] || fail_usage "--caller-endpoint is required, e.g. Local/support@failover-drill"
[[ "$CALLER_ENDPOINT" == */* ]] || fail_usage "--caller-endpoint must be TECH/resource, got $CALLER_ENDPOINT"
[[ -n "$NODES_ARG" ]] || fail_usage "--nodes is required: the nodes' API URLs, comma-separated"
IFS=',' read -r -a NODES <<< "$NODES_ARG"
for i in "${!NODES[@]}"; do
  NODES[i]="${NODES[i]%/}"
  [[ "${NODES[i]}" =~ ^https?://[^/]+$ ]] || fail_usage "--nodes: expected http(s)://host:port, got ${NODES[i]}"
done
[[ -n "$KILL_CMD" ]] || fail_usage "--kill-cmd is required, e.g. 'ssh node2 pkill -9 -f switchboard-platform'"
for n in CALLERS INTERVAL_MS KILL_AFTER TALK WINDOW MAX_GAP; do
  is_count "${!n}" || fail_usage "--$(tr 'A-Z_' 'a-z-' <<< "$n") must be a whole number above 0, got ${!n}"
done
(( KILL_AFTER * 1000 < CALLERS * INTERVAL_MS )) \
  || fail_usage "--kill-after ($KILL_AFTER s) must fall while callers still arrive ($CALLERS every $INTERVAL_MS ms)"
case "$VICTIM" in
  none|queue|oldest) ;;
  *) { is_count "$VICTIM" && (( VICTIM <= ${#NODES[@]} )); } \
       || fail_usage "--victim must be none, queue, oldest or 1..${#NODES[@]}, got $VICTIM" ;;
esac
if [[ "$VICTIM" == none && ( "$KILL_CMD" == *"{host}"* || "$KILL_CMD" == *"{url}"* ) ]]; then
  fail_usage "--kill-cmd uses {host} or {url}: choose the node with --victim queue|oldest|N"
fi
for agent in ${AGENTS[@]+"${AGENTS[@]}"}; do
  [[ "$agent" =~ ^[A-Za-z0-9_.-]+=[A-Za-z0-9_-]+/.+$ ]] || fail_usage "--agent must be ID=TECH/resource, got $agent"
done
(( ${#AGENTS[@]} == 0 )) || [[ -n "$ASTERISK_ID" ]] || fail_usage "--agent needs --asterisk-id"

if [[ -n "$ARI_PASSWORD_FILE" ]]; then
  [[ -r "$ARI_PASSWORD_FILE" ]] || fail_usage "--ari-password-file: cannot read $ARI_PASSWORD_FILE"
  ARI_PASSWORD="$(head -n 1 "$ARI_PASSWORD_FILE")"
elif [[ -z "${ARI_PASSWORD:-}" ]]; then
  fail_usage "the ARI password: --ari-password-file FILE or env ARI_PASSWORD"
fi
if [[ -n "$TOKEN_FILE" ]]; then
  [[ -r "$TOKEN_FILE" ]] || fail_usage "--token-file: cannot read $TOKEN_FILE"
  TOKEN="$(head -n 1 "$TOKEN_FILE")"
elif [[ -n "${SWITCHBOARD_API_TOKEN:-}" ]]; then
  TOKEN="$SWITCHBOARD_API_TOKEN"
else
  fail_usage "the API token: --token-file FILE or env SWITCHBOARD_API_TOKEN"
fi

RUN="$(date +%H%M%S)"
if (( DRY_RUN )); then
  echo "plan: $CALLERS callers, one every $INTERVAL_MS ms, each dialling $CALLER_ENDPOINT (its own half waits at" \
       "$CALLER_EXTEN@$CALLER_CONTEXT) and hanging up $TALK s after Switchboard answers it"
  echo "asterisk: $ARI_URL as $ARI_USER (password ${#ARI_PASSWORD} characters)"
  echo "nodes: ${NODES[*]}; queue $QUEUE; agents to log in: ${AGENTS[*]:-none}${ASTERISK_ID:+ on $ASTERISK_ID}"
  echo "kill: at $KILL_AFTER s, victim $VICTIM, command: $KILL_CMD"
  echo "fates: before the kill, 0-$WINDOW s after, later; the gap may be at most $MAX_GAP s"
  echo "channel ids: ${ID_PREFIX}${RUN}-<n> and ${ID_PREFIX}${RUN}-<n>-q"
  exit 0
fi

for tool in curl jq; do
  command -v "$tool" > /dev/null || { echo "$PROG: needs $tool" >&2; exit 2; }
done
[[ "$(date +%s%3N)" =~ ^[0-9]+$ ]] || { echo "$PROG: needs GNU date (date +%s%3N)" >&2; exit 2; }

source "$(dirname "${BASH_SOURCE[0]}")/drill-lib.sh"
run_drill
