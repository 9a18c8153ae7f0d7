#!/usr/bin/env bash
# Runs the whole test suite (unit, store contract on both stores, end-to-end on real Kestrel and real Redis)
# and ends with one line: "N passed, N failed". Installs redis-server first when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

# The fault tests start, kill, freeze and cluster their own redis-server processes (and use redis-cli, which Debian's
# redis-server package brings in through redis-tools), whatever GATEWAY_TEST_REDIS names for the other tests.
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "redis-server or redis-cli not found; installing them (Debian package redis-server)..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
fi

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
