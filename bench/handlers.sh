#!/usr/bin/env bash
# Warm handler latency in-process (function beans called as Lambda calls them, DynamoDB Local): orders'
# WarmLatencyBenchmark and billing's WebhookLatencyBenchmark. Prints their result lines; logs to $BENCH_LOG.
source "$(dirname "$0")/lib.sh"
log=${BENCH_LOG:-/dev/null}
run() {   # run MODULE MAIN
  local cp; cp=$(bench_classpath "$1")
  POWERTOOLS_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --sun-misc-unsafe-memory-access=allow \
    --enable-native-access=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR -cp "$cp" "$2" > "$log.${2##*.}" 2>&1 || {
    echo "$2 failed; last lines:" >&2; tail -30 "$log.${2##*.}" >&2; return 1; }
  grep -E '^\|' "$log.${2##*.}"
}
run functions/orders dev.backplane.orders.bench.WarmLatencyBenchmark
run functions/billing dev.backplane.billing.bench.WebhookLatencyBenchmark
