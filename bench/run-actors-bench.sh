#!/usr/bin/env bash
# Calls/s through gateway -> sharded entities -> flow, against the simulated Asterisk (about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  flock /tmp/switchboard-mvn.lock mvn -q -B -o -pl bench -am package -DskipTests
fi
flock /tmp/switchboard-mvn.lock java -Xmx1g -cp bench/target/benchmarks.jar \
  io.switchboard.bench.actors.CallFlowThroughput "${@:-5000}"
