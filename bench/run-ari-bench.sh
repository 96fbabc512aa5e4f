#!/usr/bin/env bash
# Builds the benchmark jar and runs the ARI benchmarks with modest settings (under a minute of measuring on 2 cores).
# Maven and the measurement both take the shared build lock, so other builds neither slow the run down
# nor get slowed down by it. Extra arguments go to JMH (e.g. -rf json -rff results.json, or -prof gc).
#   bench/run-ari-bench.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCK="${SWITCHBOARD_MVN_LOCK:-/tmp/switchboard-mvn.lock}"
JAR="$ROOT/bench/target/benchmarks.jar"

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # -o first (everything is usually in ~/.m2), online only if something is missing
  flock "$LOCK" mvn -q -B -o -pl bench -am package -DskipTests \
    || flock "$LOCK" mvn -q -B -pl bench -am package -DskipTests
fi

echo "JDK: $(java -version 2>&1 | head -n 1); cores: $(nproc)"
java -cp "$JAR" io.switchboard.bench.ari.AriTranscripts | head -n 1

flock "$LOCK" java -jar "$JAR" \
  -f 1 -wi 4 -w 2s -i 10 -r 1s -tu s -bm thrpt \
  "$@" \
  'io\.switchboard\.bench\.ari\.(EventDecodeBenchmark|RequestBuildBenchmark)\.'
