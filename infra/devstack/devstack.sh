#!/usr/bin/env bash
# devstack launcher: Docker-free local AWS from template.yaml.
#   infra/devstack/devstack.sh run [--port 4566] [--persist DIR] [...]
#   infra/devstack/devstack.sh invoke <FunctionLogicalId> --event events/<fn>/<file>.json
# Runs from the repository root so template.yaml and CodeUri paths resolve as in `sam`. The classpath is Maven's
# resolved dependency list (not a shaded jar): the Lambda runtime interface client must stay a clean jar that
# devstack hands to every function JVM, exactly as Lambda's managed runtime provides it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$repo/scripts/jdk25.sh"
cd "$repo"

jar="$here/target/devstack-0.1.0-SNAPSHOT.jar"
cp_file="$here/target/devstack.classpath"
if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "devstack: building infra/devstack..." >&2
  mvn -B -q -ntp -f "$here/pom.xml" -DskipTests install >&2
fi
if [ ! -f "$cp_file" ] || [ "$here/pom.xml" -nt "$cp_file" ]; then
  mvn -B -q -ntp -f "$here/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2
fi

# Function JVMs get their flags from the template (JAVA_TOOL_OPTIONS); DEVSTACK_JAVA_OPTS tunes devstack's own JVM.
# C1 only: devstack's start is class loading and cold code on 2 cores; its servers are I/O bound afterwards.
# (AppCDS is not possible: DynamoDB Local's manifest puts a directory on the classpath, which CDS refuses.)
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto \
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  ${DEVSTACK_JAVA_OPTS:-} -cp "$jar:$(cat "$cp_file")" dev.backplane.devstack.cli.DevstackCli "$@"
