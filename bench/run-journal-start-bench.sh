#!/usr/bin/env bash
# Node start with a big journal (issue 13): generate a year of queue traffic (1,000,000 events by default) into an
# H2 file journal with the entities' snapshots and the queue figures' checkpoint 5,000 events before its end, then
# start the queues on it three times, each from a fresh copy, and print when every queue answers and when the
# figures are right. Arguments: events queues agents (defaults 1000000 10 20). About 2 minutes and 1.5 GB of disk.
# BENCH_DB=postgres puts the journal in an embedded PostgreSQL (its data folder copied fresh for each start) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  flock /tmp/switchboard-mvn.lock mvn -q -B -o -pl bench -am package -DskipTests
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/journal-start.XXXXXX")"
trap 'rm -rf "$work"' EXIT
java -Xmx1g -Dbench.db="${BENCH_DB:-h2}" -cp bench/target/benchmarks.jar io.switchboard.bench.queues.JournalStartBench \
  generate "$work/generated" "${1:-1000000}" "${2:-10}" "${3:-20}"
for run in 1 2 3; do
  rm -rf "$work/run" && cp -r "$work/generated" "$work/run"
  java -Xmx1g -cp bench/target/benchmarks.jar io.switchboard.bench.queues.JournalStartBench start "$work/run"
done
