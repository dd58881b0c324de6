#!/usr/bin/env bash
# One benchmark run → one results file: bench/results/<UTC time>-<what>.md with the machine, load averages, date and
# commit, then each benchmark's result lines. Logs of the run go to target/bench/. docs/benchmarks.md summarises.
# Usage: bench/run.sh [coldstart|devstack|realtime|authorizer|handlers|agents|all]
source "$(dirname "$0")/lib.sh"
what=${1:-all}
case "$what" in
  all) parts=(coldstart devstack realtime authorizer handlers agents) ;;
  coldstart|devstack|realtime|authorizer|handlers|agents) parts=("$what") ;;
  *) echo "usage: ./backplane bench [coldstart|devstack|realtime|authorizer|handlers|agents|all]" >&2; exit 2 ;;
esac
stamp=$(date -u +%Y-%m-%dT%H%MZ)
mkdir -p bench/results target/bench
results=bench/results/$stamp-$what.md
export BENCH_LOG=$PWD/target/bench/$stamp

{
  echo "# Benchmark run: $what"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "- machine: $(nproc) cores,$(sed -n 's/^model name[^:]*://p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- load average (1/5/15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results"

status=0
for part in "${parts[@]}"; do
  echo "running $part (results: $results, logs: $BENCH_LOG.*)" >&2
  { echo; echo "## $part"; echo; echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"; echo; } >> "$results"
  case "$part" in
    coldstart)  script=(bench/coldstart.sh) ;;
    devstack)   script=(bench/devstack.sh) ;;
    realtime)   script=(bench/realtime.sh) ;;
    authorizer) script=(bench/identity/authorizer.sh) ;;
    handlers)   script=(bench/handlers.sh) ;;
    agents)     script=(bench/agents.sh) ;;
  esac
  if ! "${script[@]}" >> "$results" 2> "$BENCH_LOG.$part.log"; then
    echo "**failed** (log: target/bench/$stamp.$part.log)" >> "$results"; status=1
    echo "$part failed; last lines of its log:" >&2; tail -20 "$BENCH_LOG.$part.log" >&2
  fi
done
echo >> "$results"; echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
cat "$results"
exit $status
