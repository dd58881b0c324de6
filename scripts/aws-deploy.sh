#!/usr/bin/env bash
# sam deploy of one samconfig.toml environment with extra parameters on top of the stage's own ones (on the command
# line, --parameter-overrides replaces the file's list instead of adding to it).
# Usage: scripts/aws-deploy.sh STAGE [Name=Value ...]   e.g. scripts/aws-deploy.sh dev OidcIssuerUrl=https://... OidcAudience=...
set -euo pipefail
cd "$(dirname "$0")/.."
stage=${1:?usage: scripts/aws-deploy.sh STAGE [Name=Value ...]}; shift
mapfile -t overrides < <(python3 -c '
import sys, tomllib
with open("samconfig.toml", "rb") as f:
    print("\n".join(tomllib.load(f)[sys.argv[1]]["deploy"]["parameters"]["parameter_overrides"]))' "$stage")
for jar in $(sed -n 's/^ *CodeUri: *\(functions\/.*\.jar\) *$/\1/p' template.yaml | sort -u); do
  [ -f "$jar" ] || { echo "error: $jar is not built: mvn -B -q -ntp package -DskipTests" >&2; exit 1; }
done
# one Key=Value list (no value here contains a space); later entries win, so the caller's override the stage's
exec sam deploy --config-env "$stage" --no-progressbar --parameter-overrides "${overrides[*]} $*"
