#!/usr/bin/env bash
# Realtime push benchmarks (docs/benchmarks.md, "Realtime"): push latency p50/p99 from push-consumer invocation to
# WebSocket receipt, and fan-out time to the last of N sockets. Runs on the local stack: devstack's API Gateway
# emulation and @connections, DynamoDB Local, the push consumer in-process, real JDK WebSocket clients.
# Usage: bench/realtime.sh [latencyRuns=300] [sockets=500] [fanOutRuns=10] [parallelism=32]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mvn -B -q -ntp -f functions/realtime/pom.xml -DskipTests install >&2
mvn -B -q -ntp -f functions/realtime/pom.xml org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt" >&2
CP="functions/realtime/target/test-classes:functions/realtime/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/realtime/RealtimeBench.java
# Logs at WARN: per-invocation INFO lines would be part of what we measure.
POWERTOOLS_LOG_LEVEL=WARN java -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -cp "$OUT/classes:$CP" dev.backplane.bench.realtime.RealtimeBench "$@" 2>&1 \
  | grep -E '^(push latency|fan-out)'
