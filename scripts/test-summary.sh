#!/usr/bin/env bash
# One screen after `./backplane test`: counts per tier from the JUnit XML reports written since $1 (a marker file),
# every skipped test with its reason (suites that need Docker say so), and where each failure's output is kept.
# Usage: scripts/test-summary.sh MARKER
set -uo pipefail
cd "$(dirname "$0")/.."
marker=$1
reports() { find . -path ./frontend -prune -o -path "*/target/$1/TEST-*.xml" -newer "$marker" -print 2>/dev/null | sort; }
attr() { sed -n "s/.*<testsuite[^>]* $1=\"\([0-9]*\)\".*/\1/p" "$2" | head -1; }

total_passed=0 total_failed=0 total_skipped=0
for tier in "unit + integration:surefire-reports" "end-to-end:failsafe-reports"; do
  name=${tier%%:*} dir=${tier##*:}
  tests=0 failed=0 skipped=0
  while read -r file; do
    [ -n "$file" ] || continue
    tests=$(( tests + $(attr tests "$file") ))
    failed=$(( failed + $(attr failures "$file") + $(attr errors "$file") ))
    skipped=$(( skipped + $(attr skipped "$file") ))
  done < <(reports "$dir")
  passed=$(( tests - failed - skipped ))
  printf '  %-20s %4d passed, %d failed, %d skipped\n' "$name" "$passed" "$failed" "$skipped"
  total_passed=$(( total_passed + passed )) total_failed=$(( total_failed + failed )) total_skipped=$(( total_skipped + skipped ))
done

# skipped tests with their reason, one line each (a skip is never silent)
reports '*-reports' | xargs -r awk '
  /<testcase / { match($0, /name="[^"]*"/); test = substr($0, RSTART + 6, RLENGTH - 7);
                 match($0, /classname="[^"]*"/); cls = substr($0, RSTART + 11, RLENGTH - 12); sub(/.*\./, "", cls) }
  /<skipped/   { reason = ""; if (match($0, /message="[^"]*"/)) reason = substr($0, RSTART + 9, RLENGTH - 10);
                 else if (match($0, /Assumption failed: .*/)) reason = substr($0, RSTART + 19);
                 printf "  skipped %s.%s: %s\n", cls, test, (reason == "" ? "(no reason given)" : reason) }' | sort -u

# failures: where the test's own output (function and devstack logs) was kept
reports '*-reports' | while read -r file; do
  [ "$(attr failures "$file")" != 0 ] || [ "$(attr errors "$file")" != 0 ] || continue
  cls=$(basename "$file" .xml); cls=${cls#TEST-}
  echo "  failed: $cls — output: $(dirname "$file")/$cls-output.txt"
done
echo "tests: $total_passed passed, $total_failed failed, $total_skipped skipped"
