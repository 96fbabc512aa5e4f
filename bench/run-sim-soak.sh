#!/usr/bin/env bash
# Soak of the simulated Asterisk through the ARI client: 10,000 inbound calls (answer, play, hang up) on the
# manual clock, then checks that no channel, bridge or playback is left and prints heap after GC per quarter
# (right after the batch, and settled: after Pekko's 5 s stream subscription timeout has passed).
# The run takes the shared build lock like the other benchmarks.
#   bench/run-sim-soak.sh [calls] [batch]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCK="${SWITCHBOARD_MVN_LOCK:-/tmp/switchboard-mvn.lock}"
JAR="$ROOT/bench/target/benchmarks.jar"

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  flock "$LOCK" mvn -q -B -o -pl bench -am package -DskipTests \
    || flock "$LOCK" mvn -q -B -pl bench -am package -DskipTests
fi

echo "JDK: $(java -version 2>&1 | head -n 1); cores: $(nproc)"
flock "$LOCK" java -Xmx512m -cp "$JAR" io.switchboard.bench.sim.SimSoak "${1:-10000}" "${2:-100}"
