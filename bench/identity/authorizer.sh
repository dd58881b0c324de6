#!/usr/bin/env bash
# Authorizer warm latency p50/p99 (JWKS + user cached), through the real function bean with Lambda's serializer.
# Usage: bench/identity/authorizer.sh [calls=1000] [warmup=2000]   (results go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/jdk25.sh
export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
mvn -B -ntp -q -f functions/identity/pom.xml test-compile
mvn -B -ntp -q -f functions/identity/pom.xml dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="functions/identity/target/test-classes:functions/identity/target/classes:$(cat functions/identity/target/bench.classpath)"
# Lambda's JVM flags (template Globals) so the numbers resemble a warm Lambda, minus its CPU share.
POWERTOOLS_LOG_LEVEL=WARN java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  --enable-native-access=ALL-UNNAMED -cp "$CP" dev.backplane.identity.bench.AuthorizerLatencyBench "${1:-1000}" "${2:-2000}" \
  | grep -v '^{'
