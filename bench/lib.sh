# Sourced by the benchmark scripts: JDK 25, Maven settings, and a module's test class path built through the reactor
# (so sibling modules come from this checkout, never from ~/.m2).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/jdk25.sh
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

# bench_classpath MODULE: builds MODULE and what it needs (artifacts included), prints its test run class path
bench_classpath() {
  local module=$1
  mvn -B -q -ntp -pl "$module" -am package -DskipTests \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$module/target/bench.classpath" >&2 || return 1   # the module is built last: its list stays
  echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
}

# run_e2e_bench NAME MAIN EVENTS PATTERN: an infra/e2e benchmark main (devstack in its JVM, the real template and
# artifacts, devstack's own flags); its whole output goes to $BENCH_LOG.NAME, the lines matching PATTERN to stdout
run_e2e_bench() {
  local name=$1 main=$2 events=$3 pattern=$4 cp log
  log=${BENCH_LOG:-${TMPDIR:-/tmp}/bench-$$}.$name
  cp=$(bench_classpath infra/e2e)
  POWERTOOLS_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto --sun-misc-unsafe-memory-access=allow \
    --enable-native-access=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR -Devents="$events" -cp "$cp" "$main" > "$log" 2>&1 || {
    echo "$main failed; last lines ($log):" >&2; tail -30 "$log" >&2; return 1; }
  grep -E "$pattern" "$log"
}
