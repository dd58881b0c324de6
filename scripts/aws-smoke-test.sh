#!/usr/bin/env bash
# Smoke test of a deployed stack through its public endpoints: the catalog answers, the API refuses a call without a
# token, the SPA serves its configuration. Usage: scripts/aws-smoke-test.sh STACK_NAME
set -euo pipefail
stack=${1:?usage: scripts/aws-smoke-test.sh STACK_NAME}
output() { aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
api=$(output HttpApiUrl); site=$(output SpaUrl)
failed=0
expect() {   # expect STATUS URL [grep pattern]
  local body status
  body=$(mktemp)
  status=$(curl -sS --retry 5 --retry-delay 3 --retry-all-errors -o "$body" -w '%{http_code}' "$2" || echo 000)
  if [ "$status" = "$1" ] && { [ -z "${3:-}" ] || grep -q "$3" "$body"; }; then echo "ok   $status $2"
  else echo "FAIL $2: expected $1${3:+ with $3}, got $status: $(head -c 300 "$body")"; failed=1; fi
  rm -f "$body"
}
expect 200 "$api/products" '"items"'
expect 401 "$api/orders"
expect 200 "$site/config.json" '"apiUrl"'
exit $failed
