#!/usr/bin/env bash
# Queue decisions/s, agent-available -> bridge command latency and heap per waiting caller (about a minute).
# Arguments: callers queues agents seconds talk-ms (defaults 10000 100 1000 20 0).
# BENCH_DB=postgres journals to an embedded PostgreSQL instead of the H2 file.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  flock /tmp/switchboard-mvn.lock mvn -q -B -o -pl bench -am package -DskipTests
fi
flock /tmp/switchboard-mvn.lock java -Xmx1g -Dbench.db="${BENCH_DB:-h2}" -cp bench/target/benchmarks.jar \
  io.switchboard.bench.queues.QueuesBench "$@"
