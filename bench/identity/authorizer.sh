#!/usr/bin/env bash
# Authorizer warm latency p50/p99 (JWKS + user cached), through the real function bean with Lambda's serializer.
# Usage: bench/identity/authorizer.sh [calls=1000] [warmup=2000]   (or ./backplane bench authorizer)
source "$(dirname "$0")/../lib.sh"
CP=$(bench_classpath functions/identity)
# Lambda's JVM flags (template Globals) so the numbers resemble a warm Lambda, minus its CPU share.
POWERTOOLS_LOG_LEVEL=WARN java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  --enable-native-access=ALL-UNNAMED -cp "$CP" dev.backplane.identity.bench.AuthorizerLatencyBench "${1:-1000}" "${2:-2000}" \
  | grep -v '^{'
