#!/usr/bin/env bash
# devstack from a source checkout: (re)builds the self-contained distribution (target/devstack-dist) when its
# sources changed, then runs it in the caller's folder, so `devstack run` there uses that folder's template.yaml.
# Use from anywhere: ln -s "$PWD/infra/devstack/devstack.sh" ~/.local/bin/devstack
#   devstack run [--template template.yaml] [--port 4566] [--persist DIR] [...]
#   devstack invoke <FunctionLogicalId> --event events/<fn>/<file>.json
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dist="$here/target/devstack-dist"
if [ ! -x "$dist/bin/devstack" ] || [ -n "$(find "$here/src/main" "$here/src/dist" "$here/pom.xml" -newer "$dist/bin/devstack" -print -quit 2>/dev/null)" ]; then
  echo "devstack: building infra/devstack..." >&2
  ( source "$repo/scripts/jdk25.sh"
    MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" \
      mvn -B -q -ntp -f "$repo/pom.xml" -pl infra/devstack -DskipTests package >&2 )
fi
exec "$dist/bin/devstack" "$@"
