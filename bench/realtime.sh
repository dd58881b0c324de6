#!/usr/bin/env bash
# Realtime push benchmarks (docs/benchmarks.md, "Realtime"): push latency p50/p99 from push-consumer invocation to
# WebSocket receipt, and fan-out time to the last of N sockets. Runs on the local stack: devstack's API Gateway
# emulation and @connections, DynamoDB Local, the push consumer in-process, real JDK WebSocket clients.
# Usage: bench/realtime.sh [latencyRuns=300] [sockets=500] [fanOutRuns=10] [parallelism=32]
source "$(dirname "$0")/lib.sh"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
CP=$(bench_classpath functions/realtime)
javac -d "$OUT/classes" -cp "$CP" bench/realtime/RealtimeBench.java
# Logs at WARN: per-invocation INFO lines would be part of what we measure.
log=${BENCH_LOG:-$OUT/bench}.realtime-run
POWERTOOLS_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -cp "$OUT/classes:$CP" dev.backplane.bench.realtime.RealtimeBench "$@" > "$log" 2>&1 || {
  echo "RealtimeBench failed; last lines:" >&2; tail -30 "$log" >&2; exit 1; }
grep -E '^(push latency|fan-out)' "$log"
