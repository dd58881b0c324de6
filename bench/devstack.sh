#!/usr/bin/env bash
# devstack benchmarks (DevstackBenchmark): warm API calls through the HTTP API, POST /orders → event store latency,
# outbox → consumer throughput, on the real template and artifacts. Prints the result lines; logs to $BENCH_LOG.
# Usage: bench/devstack.sh [events=5000] (or BENCH_EVENTS)
source "$(dirname "$0")/lib.sh"
run_e2e_bench devstack dev.backplane.e2e.DevstackBenchmark "${1:-${BENCH_EVENTS:-5000}}" '^(\||devstack startup|throughput|function JVMs|DynamoDB Local alone)'
