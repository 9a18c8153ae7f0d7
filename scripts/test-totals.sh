#!/usr/bin/env bash
# Prints the closing line of a test run, "N passed, N failed", from the .trx files in a results folder and the test
# runner's exit status. Every test that was counted but did not pass is failed (errored, timed out, aborted, not
# executed, ...), not just those marked failed; and a run that did not complete (no results at all: the build or the
# test host failed first; or a summary other than Completed/Failed: the host died) is said so on a line of its own
# and counts as at least one failure, so it can never read as green.
# Usage: scripts/test-totals.sh RESULTS_DIR RUNNER_EXIT_STATUS
set -euo pipefail
results=$1
status=$2

trx=$(cat "$results"/*.trx 2>/dev/null || true)
counters=$(printf '%s\n' "$trx" | grep -o '<Counters [^>]*>' || true)
sum() { printf '%s\n' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" | awk '{s+=$1} END {print s+0}'; }
total=$(sum total)
passed=$(sum passed)
failed=$((total - passed))

outcomes=$(printf '%s\n' "$trx" | grep -o '<ResultSummary outcome="[^"]*"' | sed 's/.*outcome="\([^"]*\)"/\1/' || true)
incomplete=""
if [ -z "$counters" ]; then
  incomplete="no test results: the build or the test host failed before any test reported"
elif unexpected=$(printf '%s\n' "$outcomes" | grep -v -x -e Completed -e Failed); then
  incomplete="the test run did not complete (outcome: $(printf '%s' "$unexpected" | paste -sd, -))"
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  incomplete="the test runner exited with status $status although every counted test passed"
fi

if [ -n "$incomplete" ]; then
  echo "incomplete run: $incomplete; counted as failed"
  if [ "$failed" -eq 0 ]; then
    failed=1
  fi
fi
echo "$passed passed, $failed failed"
