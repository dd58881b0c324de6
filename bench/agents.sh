#!/usr/bin/env bash
# Agents and notifications on devstack (AgentsBenchmark): order.paid → notification.created on the owner's socket,
# order.placed → agent.decided on the admin socket, the fraud agent's own decision latency, and the fan-out rate of
# N order.paid events to in-app notifications, on the real template and artifacts. Prints the result lines; logs to
# $BENCH_LOG. Usage: bench/agents.sh [events=1000] (or BENCH_EVENTS)
source "$(dirname "$0")/lib.sh"
run_e2e_bench agents dev.backplane.e2e.AgentsBenchmark "${1:-${BENCH_EVENTS:-1000}}" '^(\||fan-out)'
