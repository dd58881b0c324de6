#!/usr/bin/env bash
# devstack benchmarks (DevstackBenchmark): warm API calls through the HTTP API, POST /orders → event store latency,
# outbox → consumer throughput, on the real template and artifacts. Prints the result lines; logs to $BENCH_LOG.
# Usage: bench/devstack.sh [events=5000] (or BENCH_EVENTS)
source "$(dirname "$0")/lib.sh"
CP=$(bench_classpath infra/e2e)
log=${BENCH_LOG:-/dev/null}
POWERTOOLS_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -Dslf4j.internal.verbosity=ERROR -Devents="${1:-${BENCH_EVENTS:-5000}}" -cp "$CP" dev.backplane.e2e.DevstackBenchmark > "$log.devstack" 2>&1 || {
  echo "DevstackBenchmark failed; last lines:" >&2; tail -30 "$log.devstack" >&2; exit 1; }
grep -E '^(\||devstack startup|throughput|function JVMs)' "$log.devstack"
