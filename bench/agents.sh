#!/usr/bin/env bash
# Agents and notifications on devstack (AgentsBenchmark): order.paid → notification.created on the owner's socket,
# order.placed → agent.decided on the admin socket, the fraud agent's own decision latency, and the fan-out rate of
# N order.paid events to in-app notifications, on the real template and artifacts. Prints the result lines; logs to
# $BENCH_LOG. Usage: bench/agents.sh [events=1000] (or BENCH_EVENTS)
source "$(dirname "$0")/lib.sh"
CP=$(bench_classpath infra/e2e)
log=${BENCH_LOG:-/dev/null}
POWERTOOLS_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -Dslf4j.internal.verbosity=ERROR -Devents="${1:-${BENCH_EVENTS:-1000}}" -cp "$CP" dev.backplane.e2e.AgentsBenchmark > "$log.agents" 2>&1 || {
  echo "AgentsBenchmark failed; last lines:" >&2; tail -30 "$log.agents" >&2; exit 1; }
grep -E '^(\||fan-out)' "$log.agents"
