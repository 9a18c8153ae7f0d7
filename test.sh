#!/usr/bin/env bash
# Runs the whole test suite (unit, store contract on both stores, end-to-end on real Kestrel and real Redis)
# and ends with one line: "N passed, N failed". Installs redis-server first when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

# The fault tests start, kill, freeze and cluster their own redis-server processes (and use redis-cli, which Debian's
# redis-server package brings in through redis-tools), whatever GATEWAY_TEST_REDIS names for the other tests.
scripts/ensure-redis.sh

results=TestResults
rm -rf "$results"
status=0
dotnet test WhetGateway.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

scripts/test-totals.sh "$results" "$status"
if [ "$status" -eq 0 ] && ! grep -qs '<Counters [^>]* passed="[1-9]' "$results"/*.trx; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
