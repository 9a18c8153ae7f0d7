#!/usr/bin/env bash
# Soak: DURATION seconds (default 180) of mixed keyed traffic through three gateway processes that share one Redis
# (AOF on, appendfsync always) in front of the sample API, while faults are injected:
#   - Redis is killed with SIGKILL every 30 s and started again 3 s later on the same data directory;
#   - gateways 2 and 3 take turns being restarted every 45 s (SIGTERM, as a rolling deploy does; set
#     SOAK_GATEWAY_SIGNAL=KILL to crash them instead, and see docs/guarantees.md for what a crash may repeat);
#   - the traffic itself asks the upstream for 503s and slow answers on some first attempts.
# SOAK_GUARANTEE=AtMostOnce (default AtLeastOnce) sets the policy's Guarantee: a key whose call may have acted
# without an answer then answers 409 outcome_unknown, which the traffic does not retry.
# It reports throughput, answers by kind, duplicates (upstream executions beyond the keys that settled, less one per
# key abandoned or answered outcome_unknown: must be 0), the outcome_unknown answers and keys (neither successes nor
# failures), replay mismatches (must be 0) and the memory growth of gateway 1, which is never restarted; the report
# and the logs go to soak-results/. Exit status 0 is a pass.
# Not part of CI. Needs redis-server, redis-cli and the .NET SDK.
#
#   scripts/soak.sh [DURATION_SECONDS]      e.g. scripts/soak.sh 90
#   SOAK_WORKERS=24 scripts/soak.sh 600
#   SOAK_GATEWAY_SIGNAL=KILL SOAK_GUARANTEE=AtMostOnce scripts/soak.sh 120
set -euo pipefail

duration=${1:-180}
workers=${SOAK_WORKERS:-16}
gateway_signal=${SOAK_GATEWAY_SIGNAL:-TERM}
guarantee=${SOAK_GUARANTEE:-AtLeastOnce}
case "$guarantee" in
  AtLeastOnce | AtMostOnce) ;;
  *) echo "SOAK_GUARANTEE must be AtLeastOnce or AtMostOnce (was $guarantee)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d -t whet-soak-XXXXXX)
results="$root/soak-results"
mkdir -p "$results"

log() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Every process this script starts writes its pid to $work/<name>.pid; cleanup stops exactly those.
cleanup() {
  local status=$?
  for file in "$work"/*.pid; do
    [ -e "$file" ] || continue
    local pid
    pid=$(cat "$file")
    kill -CONT "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

# A port below Linux's ephemeral range that nothing answers on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 10000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

wait_for() { # description, command...
  local what=$1
  shift
  for _ in $(seq 1 300); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  log "gave up waiting for $what"
  return 1
}

log "building (Release)"
dotnet build WhetGateway.sln -c Release -nologo -v quiet >/dev/null

redis_port=$(free_port)
upstream_port=$(free_port)
gateway_ports=("$(free_port)" "$(free_port)" "$(free_port)")
mkdir -p "$work/redis"

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always \
    --dir "$work/redis" >>"$work/redis.log" 2>&1 &
  echo $! >"$work/redis.pid"
  wait_for "redis" redis-cli -p "$redis_port" ping
}

start_gateway() { # index 0..2
  local port=${gateway_ports[$1]}
  dotnet src/WhetGateway/bin/Release/net10.0/WhetGateway.dll --urls "http://127.0.0.1:$port" --config "$work/gateway.json" \
    >>"$work/gateway-$1.log" 2>&1 &
  echo $! >"$work/gateway-$1.pid"
  wait_for "gateway $1" curl -sf "http://127.0.0.1:$port/readyz"
}

cat >"$work/gateway.json" <<JSON
{
  "Logging": { "LogLevel": { "Default": "Warning", "Microsoft.Hosting.Lifetime": "Information" } },
  "Idempotency": {
    "Store": { "Provider": "Redis", "Redis": { "Configuration": "127.0.0.1:$redis_port", "KeyPrefix": "soak:" } },
    "Scope": { "Source": "Credential" },
    "Policies": {
      "agent-api": {
        "KeyField": "idempotency_key",
        "Guarantee": "$guarantee",
        "Resources": [ { "Id": "pipeline_id", "Path": "/pipelines/{id}" }, { "Id": "run_id", "Path": "/runs/{id}" } ]
      }
    }
  },
  "ReverseProxy": {
    "Routes": {
      "from-intent": {
        "ClusterId": "legacy",
        "Match": { "Path": "/pipelines/from-intent", "Methods": [ "POST" ] },
        "Metadata": { "IdempotencyPolicy": "agent-api" }
      },
      "everything-else": { "ClusterId": "legacy", "Match": { "Path": "{**catch-all}" } }
    },
    "Clusters": { "legacy": { "Destinations": { "primary": { "Address": "http://127.0.0.1:$upstream_port/" } } } }
  }
}
JSON

log "starting Redis on :$redis_port, the sample API on :$upstream_port, gateways on :${gateway_ports[*]}"
start_redis
dotnet src/WhetGateway.SampleApi/bin/Release/net10.0/WhetGateway.SampleApi.dll --urls "http://127.0.0.1:$upstream_port" \
  >"$work/sample-api.log" 2>&1 &
echo $! >"$work/sample-api.pid"
wait_for "sample API" curl -sf "http://127.0.0.1:$upstream_port/healthz"
for index in 0 1 2; do start_gateway "$index"; done

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$(cat "$work/gateway-0.pid")/status"; }

# Samples gateway 1's resident memory every 5 s.
(
  while :; do
    echo "$SECONDS $(rss_kb)" >>"$work/rss.log"
    sleep 5
  done
) &
echo $! >"$work/rss-sampler.pid"

# Injects the faults on a fixed schedule for as long as the traffic runs.
(
  started=$SECONDS
  next_redis=20
  next_gateway=35
  turn=1
  while :; do
    elapsed=$((SECONDS - started))
    if [ "$elapsed" -ge "$next_redis" ]; then
      kill -KILL "$(cat "$work/redis.pid")"
      echo "$elapsed redis SIGKILL" >>"$work/faults.log"
      sleep 3
      start_redis
      echo "$((SECONDS - started)) redis restarted" >>"$work/faults.log"
      next_redis=$((next_redis + 30))
    fi
    if [ "$elapsed" -ge "$next_gateway" ]; then
      pid=$(cat "$work/gateway-$turn.pid")
      kill "-$gateway_signal" "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      echo "$((SECONDS - started)) gateway $((turn + 1)) SIG$gateway_signal" >>"$work/faults.log"
      start_gateway "$turn"
      echo "$((SECONDS - started)) gateway $((turn + 1)) restarted" >>"$work/faults.log"
      turn=$((3 - turn))
      next_gateway=$((next_gateway + 45))
    fi
    sleep 0.5
  done
) &
echo $! >"$work/fault-injector.pid"

log "traffic for ${duration}s with $workers workers, gateways crashed by SIG$gateway_signal, Guarantee $guarantee"
gateways=$(printf 'http://127.0.0.1:%s,' "${gateway_ports[@]}")
verdict=0
dotnet tools/WhetGateway.Soak/bin/Release/net10.0/WhetGateway.Soak.dll --gateways "${gateways%,}" \
  --upstream "http://127.0.0.1:$upstream_port" --duration "$duration" --workers "$workers" \
  --report "$work/report.json" >/dev/null || verdict=$?

kill "$(cat "$work/fault-injector.pid")" "$(cat "$work/rss-sampler.pid")" 2>/dev/null || true
rm -f "$work/fault-injector.pid" "$work/rss-sampler.pid"

baseline=$(awk 'NR == 2 { print $2 }' "$work/rss.log")   # the first sample after 5 s of traffic
final=$(rss_kb)
peak=$(awk '$2 > max { max = $2 } END { print max }' "$work/rss.log")
errors=$(cat "$work"/gateway-*.log | grep -c '^fail:' || true)
stamp=$(date +%Y%m%d-%H%M%S)
report="$results/soak-$stamp.json"
mkdir -p "$results/soak-$stamp-logs"
cp "$work"/*.log "$results/soak-$stamp-logs/"
jq --arg guarantee "$guarantee" --arg signal "SIG$gateway_signal" --argjson baseline "${baseline:-0}" --argjson final "$final" --argjson peak "${peak:-0}" --argjson errors "$errors" \
  --arg faults "$(cat "$work/faults.log" 2>/dev/null || true)" \
  '{ guarantee: $guarantee, gateway_signal: $signal } + . + { gateway1_rss_kb: { after_5s: $baseline, peak: $peak, end: $final, growth: ($final - $baseline) },
         gateway_error_log_lines: $errors, faults: ($faults | split("\n") | map(select(length > 0))) }' \
  "$work/report.json" | tee "$report"

if [ "$verdict" -eq 0 ]; then
  log "PASS: no duplicate execution, every replay byte-identical (report: $report)"
else
  log "FAIL: duplicates or replay mismatches (report: $report)"
fi
exit "$verdict"
