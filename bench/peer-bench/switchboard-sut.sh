#!/usr/bin/env bash
# Switchboard as the peer bench's application under test (SUT contract: harness/README.md):
# one node, its gateway, sharded channel entities and the two-line flow for app callcenter.
# JVM flags: none for the heap (the JVM's defaults, as `java -jar` gives users outside a container; the Docker
# image adds -XX:MaxRAMPercentage=75, which only matters under a container memory limit). SWITCHBOARD_SUT_JAVA_OPTS
# adds flags, e.g. -XX:StartFlightRecording=... to profile.
# Timings start at the StasisStart's own timestamp (Asterisk's clock must be this host's); SWITCHBOARD_SUT_TIMING_START=flow
# starts them when the flow starts instead.
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/../target/benchmarks.jar"
[ -f "$JAR" ] || { echo "build first: mvn -pl bench -am package -DskipTests (bench/target/benchmarks.jar)" >&2; exit 1; }
# shellcheck disable=SC2086
exec java ${SWITCHBOARD_SUT_JAVA_OPTS:-} -cp "$JAR" io.switchboard.bench.peer.SwitchboardSut "$@"
