#!/usr/bin/env bash
# What the gateway costs, side by side on this machine in one run, against the bundled sample API's POST /fetch
# (a tiny JSON answer): direct to the sample API; plain YARP (the gateway, a route with no policy); first use on
# Redis and on the in-memory store; replay of recorded keys on Redis; same-key contention on Redis. Then the
# micro-benchmarks. Prints markdown tables; a full run also writes them to bench/RESULTS.md.
#
#   bench/run.sh           full run, about 3 minutes; writes bench/RESULTS.md
#   bench/run.sh --smoke   every step for a second or so, no thresholds, writes nothing in the repository (CI)
#
# Environment knobs: BENCH_DURATION (measured seconds per scenario, 8), BENCH_WARMUP (least warm-up seconds, 2; a
# gateway warms up on until its JIT has settled, BENCH_MAX_WARMUP at most, 30), BENCH_CONNECTIONS (16),
# BENCH_CONTENTION_CONNECTIONS (64), BENCH_KEYS (recorded keys replayed, 1000).
# Installs wrk and redis-server from Debian's packages when they are missing.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  "") ;;
  --smoke) mode=smoke ;;
  *) echo "usage: bench/run.sh [--smoke]" >&2; exit 2 ;;
esac

if [ "$mode" = smoke ]; then
  duration=1 warmup=0 max_warmup=0 keys=100 micro_job=dry
else
  duration=${BENCH_DURATION:-8} warmup=${BENCH_WARMUP:-2} max_warmup=${BENCH_MAX_WARMUP:-30} keys=${BENCH_KEYS:-1000} micro_job=short
fi
# Tiered compilation goes on for many seconds on 2 busy cores; a warm-up round that compiled fewer methods than
# this counts as settled.
settled_jit_methods=25
connections=${BENCH_CONNECTIONS:-16}
contention_connections=${BENCH_CONTENTION_CONNECTIONS:-64}
# Commands a client sends on its own schedule, not per request.
heartbeats='PING ECHO INFO CLUSTER CLIENT CONFIG COMMAND HELLO AUTH SELECT SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE'

log() { printf '%s\n' "$*" >&2; }

install_missing() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ "${#missing[@]}" -eq 0 ] && return
  log "installing ${missing[*]} (Debian packages)..."
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'log "bench/run.sh: failed at line $LINENO"' ERR
trap 'exit 130' INT TERM

start() { # log-name command...: runs a child in the background; its pid is in $started
  "${@:2}" >"$work/$1.log" 2>&1 &
  started=$!
  pids+=("$started")
}

stop() { # pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

wait_until() { # what command...: polls for up to 30 s
  local deadline=$((SECONDS + 30))
  until "${@:2}" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$1 did not come up; its log:"
      cat "$work/$1.log" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
}

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

install_missing
log "building (Release)..."
for project in src/WhetGateway.SampleApi bench/WhetGateway.Bench.Host bench/WhetGateway.Benchmarks; do
  dotnet build "$project" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
sample_dll=src/WhetGateway.SampleApi/bin/Release/net10.0/WhetGateway.SampleApi.dll
host_dll=bench/WhetGateway.Bench.Host/bin/Release/net10.0/WhetGateway.Bench.Host.dll
micro_dll=bench/WhetGateway.Benchmarks/bin/Release/net10.0/WhetGateway.Benchmarks.dll

redis_port=$(free_port)
start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no
wait_until redis redis-cli -p "$redis_port" ping
rcli() { redis-cli -p "$redis_port" "$@"; }
store_ports=("$redis_port") # the Redis nodes whose counters are read

# Redis's own counters, summed over the nodes of $store_ports: "cmd <command> <calls> <usec>" per command (those a
# script runs inside Redis included), and "cpu <seconds>" (used_cpu_sys + used_cpu_user).
redis_counters() {
  local port
  for port in "${store_ports[@]}"; do
    redis-cli -p "$port" info commandstats
    redis-cli -p "$port" info cpu
  done | tr -d '\r' | awk -F'[:,=]' '
    /^cmdstat_/ { name = substr($1, 9); calls[name] += $3; usec[name] += $5 }
    /^used_cpu_(sys|user):/ { cpu += $2 }
    END { for (name in calls) printf "cmd %s %.0f %.0f\n", name, calls[name], usec[name]; printf "cpu %.6f\n", cpu }'
}

# What ran between two snapshots of redis_counters: "cmd <command> <calls> <usec>" for each command that did, and
# "cpu <seconds>".
redis_delta() { # before-file after-file
  awk 'NR == FNR { if ($1 == "cmd") { calls[$2] = $3; usec[$2] = $4 } else cpu = $2; next }
    $1 == "cmd" && $3 > calls[$2] { print "cmd", $2, $3 - calls[$2], $4 - usec[$2] }
    $1 == "cpu" { printf "cpu %.6f\n", $2 - cpu }' "$1" "$2"
}


sample_port=$(free_port)
sample_url="http://127.0.0.1:$sample_port"
start sample dotnet "$sample_dll" --urls "$sample_url" --Logging:LogLevel:Default=Warning
sample_pid=$started
wait_until sample curl -sf "$sample_url/healthz"
upstream_calls() { curl -sf "$sample_url/_sample/stats" | grep -o '"total":[0-9]*' | cut -d: -f2; }

gateway_config() { # policy (bench|none)
  local metadata=''
  [ "$1" = bench ] && metadata=', "Metadata": { "IdempotencyPolicy": "bench" }'
  cat <<JSON
{
  "Idempotency": {
    "Scope": { "Source": "Credential" },
    "Policies": { "bench": { "KeyField": "idempotency_key", "KeyHeader": "Idempotency-Key" } }
  },
  "ReverseProxy": {
    "Routes": { "fetch": { "ClusterId": "sample", "Match": { "Path": "/fetch", "Methods": [ "POST" ] }$metadata } },
    "Clusters": { "sample": { "Destinations": { "sample-api": { "Address": "$sample_url/" } } } }
  }
}
JSON
}

# The store and the log level go on the command line: a --config file cannot override what appsettings.json sets
# (ConfigFileArguments inserts the files before the first environment source, which precedes appsettings.json).
start_gateway() { # name store (redis|memory) policy (bench|none): sets gateway_url and gateway_pid
  local store=(--Idempotency:Store:Provider=InMemory)
  [ "$2" = redis ] && store=(--Idempotency:Store:Provider=Redis "--Idempotency:Store:Redis:Configuration=127.0.0.1:$redis_port")
  gateway_config "$3" >"$work/$1.json"
  gateway_url="http://127.0.0.1:$(free_port)"
  start "$1" dotnet "$host_dll" --config "$work/$1.json" --urls "$gateway_url" "${store[@]}" --Logging:LogLevel:Default=Warning
  gateway_pid=$started
  wait_until "$1" curl -sf "$gateway_url/_bench/counters"
}

counters() { curl -sf "$gateway_url/_bench/counters"; }
ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of a process
per_request_us() { awk -v t="$1" -v n="$2" -v hz="$ticks_per_second" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }'; }
redis_cpu_us() { awk -v n="$2" '$1 == "cpu" { printf "%.0f", $2 * 1e6 / n }' "$1"; } # delta-file requests

# Redis execution time per request: for each command the clients sent (counted per request with MONITOR), the time
# Redis spent per call of it while measured (INFO commandstats; a script's time includes the commands it runs).
exec_us() { # delta-file breakdown
  awk -v breakdown="$2" '
    BEGIN { n = split(breakdown, parts, ", "); for (i = 1; i <= n; i++) { split(parts[i], pair, " "); sent[tolower(pair[1])] = pair[2] } }
    $1 == "cmd" && ($2 in sent) && $3 > 0 { total += sent[$2] * $4 / $3 }
    END { printf "%.1f", total }' "$1"
}
counter() { awk -v name="$2" '$1 == name { print $2 }' <<<"$1"; }
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }

run_wrk() { # url script connections seconds key-prefix: prints wrk's BENCH line
  BENCH_KEY_PREFIX=$5 BENCH_KEYS=$keys wrk -t1 -c"$3" -d"$4"s --timeout 5s -s "bench/wrk/$2" "$1" >"$work/wrk.out" 2>&1 || true
  grep '^BENCH ' "$work/wrk.out" || { log "wrk failed:"; cat "$work/wrk.out" >&2; exit 1; }
}

# Commands the gateway sent per request while a short sample ran (MONITOR, clients only: not the commands a Lua
# script runs inside Redis, nor heartbeats). Sets rtt (per request) and breakdown (per request, by command).
round_trips() { # script connections key-prefix
  local before after requests monitor
  start monitor redis-cli -p "$redis_port" monitor
  monitor=$started
  sleep 0.3
  before=$(counters)
  run_wrk "$gateway_url" "$1" "$2" 1 "$3" >/dev/null
  sleep 0.5 # in-flight requests finish
  after=$(counters)
  stop "$monitor"
  requests=$(($(counter "$after" requests) - $(counter "$before" requests)))
  read -r rtt breakdown < <(
  awk -v requests="$requests" -v heartbeats="$heartbeats" '
    BEGIN { split(heartbeats, list, " "); for (i in list) skip[list[i]] = 1 }
    $2 ~ /^\[[0-9]+$/ && $3 ~ /\]$/ && $3 != "lua]" {
      command = toupper($4)
      gsub(/"/, "", command)
      if (command in skip) next
      count[command]++; total++
    }
    END {
      breakdown = ""
      for (c in count) breakdown = breakdown sprintf("%s%s %.2f", breakdown == "" ? "" : ", ", c, count[c] / requests)
      printf "%.2f %s\n", total / requests, breakdown == "" ? "none" : breakdown
    }' "$work/monitor.log")
}

results="$work/results.tsv"
: >"$results"

# One measured scenario against $gateway_url (or the sample API when direct): warm up, measure, sample round trips.
# Keys: fresh ones per phase (warm-up, measure, round trips), except fixed-keys.lua's, the same in every phase.
measure() { # name label url script connections round-trips(yes|no) warm-up-seconds
  local name=$1 label=$2 url=$3 script=$4 conns=$5 sample_rtt=$6 prefix="run$$-$1"
  phase() { if [ "$script" = fixed-keys.lua ]; then echo "$prefix"; else echo "$prefix-$1"; fi; }
  log "scenario: $label"
  if [ "$7" -gt 0 ]; then
    run_wrk "$url" "$script" "$conns" "$7" "$(phase w)" >/dev/null
  fi
  local jit jit_before warmed=$7
  if [ "$name" != direct ]; then
    jit=$(counter "$(counters)" jit_methods)
    while [ "$warmed" -lt "$max_warmup" ]; do
      jit_before=$jit
      run_wrk "$url" "$script" "$conns" 2 "$(phase "w$warmed")" >/dev/null
      warmed=$((warmed + 2))
      jit=$(counter "$(counters)" jit_methods)
      [ $((jit - jit_before)) -lt "$settled_jit_methods" ] && break
    done
  fi
  local before after up_before up_after line gateway_cpu=0 sample_cpu
  [ "$name" != direct ] && before=$(counters) gateway_cpu=$(cpu_ticks "$gateway_pid")
  up_before=$(upstream_calls)
  sample_cpu=$(cpu_ticks "$sample_pid")
  redis_counters >"$work/redis-before"
  line=$(run_wrk "$url" "$script" "$conns" "$duration" "$(phase m)")
  sleep 0.3
  sample_cpu=$(($(cpu_ticks "$sample_pid") - sample_cpu))
  redis_counters >"$work/redis-after"
  redis_delta "$work/redis-before" "$work/redis-after" >"$work/redis-measured"
  [ "$name" != direct ] && gateway_cpu=$(($(cpu_ticks "$gateway_pid") - gateway_cpu))
  up_after=$(upstream_calls)
  local wrk_requests served alloc gcs rss rtt="–" breakdown="–" redis_exec="–"
  wrk_requests=$(field "$line" requests)
  if [ "$name" = direct ]; then
    served=$wrk_requests alloc="–" gcs="–" rss="–" jit="–"
  else
    after=$(counters)
    served=$(($(counter "$after" requests) - $(counter "$before" requests)))
    alloc=$(awk -v a="$(counter "$after" allocated_bytes)" -v b="$(counter "$before" allocated_bytes)" -v n="$served" \
      'BEGIN { printf "%.1f", (a - b) / n / 1024 }')
    jit="$(($(counter "$after" jit_methods) - $(counter "$before" jit_methods))) after ${warmed} s"
    gcs="$(($(counter "$after" gen0_collections) - $(counter "$before" gen0_collections)))/$(($(counter "$after" gen1_collections) - $(counter "$before" gen1_collections)))/$(($(counter "$after" gen2_collections) - $(counter "$before" gen2_collections)))"
    if [ "$sample_rtt" = yes ]; then
      round_trips "$script" "$conns" "$(phase r)"
      redis_exec=$(exec_us "$work/redis-measured" "$breakdown")
    fi
    rss=$(awk -v b="$(counter "$(counters)" peak_rss_bytes)" 'BEGIN { printf "%.0f", b / 1048576 }')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" "$conns" \
    "$(awk -v r="$wrk_requests" -v d="$(field "$line" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }')" \
    "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" socket_errors)" "$(field "$line" non_2xx)" \
    "$(awk -v u=$((up_after - up_before)) -v n="$served" 'BEGIN { printf "%.2f", u / n }')" \
    "$rtt" "$breakdown" "$alloc" "$gcs" "$rss" \
    "$(per_request_us "$gateway_cpu" "$served")" "$(per_request_us "$sample_cpu" "$served")" "$(redis_cpu_us "$work/redis-measured" "$served")" "$jit" \
    "$redis_exec" >>"$results"
}

measure direct "direct to the sample API" "$sample_url" unique-keys.lua "$connections" no "$warmup"

start_gateway plain memory none
measure plain "plain YARP (route without policy)" "$gateway_url" unique-keys.lua "$connections" no "$warmup"
stop "$gateway_pid"

rcli flushall >/dev/null
start_gateway first-redis redis bench
measure first-redis "first use, Redis" "$gateway_url" unique-keys.lua "$connections" yes "$warmup"
stop "$gateway_pid"

start_gateway first-memory memory bench
measure first-memory "first use, in-memory" "$gateway_url" unique-keys.lua "$connections" no "$warmup"
stop "$gateway_pid"

# Replay: the warm-up of this scenario records the keys, so it runs even when BENCH_WARMUP is 0.
rcli flushall >/dev/null
start_gateway replay redis bench
measure replay "replay, Redis ($keys recorded keys)" "$gateway_url" fixed-keys.lua "$connections" yes "$((warmup > 0 ? warmup : 1))"
replay_key="run$$-replay-fixed-000000000001"
curl -s -D "$work/replay.headers" -o "$work/replay.body" "$gateway_url/fetch" -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer bench-client' -d "{\"url\":\"https://example.com/a\",\"intent\":\"bench\",\"idempotency_key\":\"$replay_key\"}"
stop "$gateway_pid"

# Redis memory per record, on the replay scenario's records: MEMORY USAGE against what a record must hold (the body
# and the headers it replays, as the replay shows them, less those the replay adds itself).
rcli --scan --pattern '*:rec' | awk 'NR <= 200 { print "MEMORY USAGE " $0 " SAMPLES 0"; print "STRLEN " $0 }' >"$work/memory.cmd"
read -r records memory_usage blob_bytes < <(rcli <"$work/memory.cmd" | awk 'NR % 2 { usage += $1; n++; next } { blob += $1 }
  END { printf "%d %.0f %.0f\n", n, usage / n, blob / n }')
body_bytes=$(wc -c <"$work/replay.body")
header_bytes=$(tr -d '\r' <"$work/replay.headers" | awk -F': ' 'NR > 1 && NF > 1 && tolower($1) !~ /^(date|content-length|idempotent-replayed)$/ { n += length($1) + length($2) } END { print n + 0 }')
replayed=$(tr -d '\r' <"$work/replay.headers" | grep -ci '^idempotent-replayed: true' || true)

rcli flushall >/dev/null
start_gateway contention redis bench
measure contention "same-key contention, Redis (4 live keys)" "$gateway_url" contention.lua "$contention_connections" yes "$warmup"
stop "$gateway_pid"

log "micro-benchmarks ($micro_job job)..."
dotnet "$micro_dll" --filter '*' --job "$micro_job" --inProcess --artifacts "$work/micro" >"$work/micro.log" 2>&1 || { cat "$work/micro.log" >&2; exit 1; }

# ---- report ----
plain_rps=$(awk -F'\t' '$1 == "plain" { print $4 }' "$results")
plain_p99=$(awk -F'\t' '$1 == "plain" { print $6 }' "$results")
value() { awk -F'\t' -v name="$1" -v column="$2" '$1 == name { print $column }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "**missed**" }'; }
micro_table() { # benchmark class: its BenchmarkDotNet table, without the bold markup
  sed -n '/^|/p' "$work"/micro/results/*"$1"-report-github.md | sed 's/\*\*//g'
}
key_alloc=$(micro_table RequestPathBenchmarks | awk -F'|' '$2 ~ /KeyExtractionAndFingerprint/ && $3 ~ /^ *1024 *$/ { v = $(NF - 1); gsub(/^ +| +$/, "", v); print v }')
rtt_first=$(value first-redis 10)
rtt_replay=$(value replay 10)
memory_limit=$((body_bytes + header_bytes + 256))

report() {
  cat <<EOF
# Benchmark results

Latest full run of \`bench/run.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)').

Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(uname -sr), .NET $(dotnet --version) SDK.
wrk, the sample API, the gateway and redis-server all share these cores; ratios from one run are what matter.
Each scenario: its own gateway process (server GC, as shipped), warmed up for ${warmup} s and then in 2 s rounds until its
JIT compiled fewer than ${settled_jit_methods} methods in a round (${max_warmup} s at most), then ${duration} s measured with \`wrk -t1\`
(connections in the table); round trips counted with \`MONITOR\` on a separate 1 s sample. CPU per request is
user + system time over the measured seconds, per process: the gateway's and the sample API's from /proc, Redis's
from \`INFO cpu\`; what bounds requests/s when all share 2 cores. Redis execution time is the time Redis spent
running the commands the gateway sent (\`INFO commandstats\` usec per call while measured, a script's including the
commands it runs, times the calls per request \`MONITOR\` counted): the part of Redis's cost the data model controls.

| scenario | conns | requests/s | p50 ms | p99 ms | × plain YARP req/s | × plain YARP p99 | Redis cmds/req | upstream calls/req | alloc KB/req | GCs g0/g1/g2 | peak RSS MB | CPU µs/req gateway / API / Redis | Redis exec µs/req | errors |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
  awk -F'\t' -v rps="$plain_rps" -v p99="$plain_p99" '{
    printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s | %s / %s / %s | %s | %d |\n",
      $2, $3, $4, $5 / 1000, $6 / 1000, $4 / rps, $6 / p99, $10, $9, $12, $13, $14, $1 == "direct" ? "–" : $15, $16, $17, $19, $7 + $8
  }' "$results"
  cat <<EOF

Redis commands per request, by command: first use $(value first-redis 11); replay $(value replay 11);
contention $(value contention 11).

Methods the gateway's JIT compiled while measured (after that much warm-up): $(awk -F'\t' '$1 != "direct" { printf "%s%s %s", n++ ? "; " : "", $1, $18 }' "$results").

Redis memory per record (\`MEMORY USAGE … SAMPLES 0\`, mean of $records records): ${memory_usage} B for a ${blob_bytes} B
blob that holds a ${body_bytes} B body and ${header_bytes} B of headers (replayed: $([ "$replayed" -gt 0 ] && echo yes || echo NO)).

## Targets

| target | measured | |
|---|---|---|
| first use on Redis ≥ 0.8× plain YARP requests/s | $(ratio "$(value first-redis 4)" "$plain_rps")× | $(verdict "$(ratio "$(value first-redis 4)" "$plain_rps")" ">=" 0.8) |
| first use on Redis p99 ≤ 1.5× plain YARP | $(ratio "$(value first-redis 6)" "$plain_p99")× | $(verdict "$(ratio "$(value first-redis 6)" "$plain_p99")" "<=" 1.5) |
| replay on Redis ≥ 1.5× plain YARP requests/s | $(ratio "$(value replay 4)" "$plain_rps")× | $(verdict "$(ratio "$(value replay 4)" "$plain_rps")" ">=" 1.5) |
| Redis round trips: replay = 1 | $rtt_replay | $(verdict "$rtt_replay" "<=" 1.005) |
| Redis round trips: first use ≤ 2 | $rtt_first | $(verdict "$rtt_first" "<=" 2.005) |
| key extraction + fingerprint of 1 KB: no allocation beyond pooled buffers | $key_alloc | see the micro-benchmarks |
| Redis memory per record ≤ body + headers + 256 B | ${memory_usage} B ≤ ${memory_limit} B | $(verdict "$memory_usage" "<=" "$memory_limit") |

## Micro-benchmarks

BenchmarkDotNet, \`--job $micro_job --inProcess\`, [MemoryDiagnoser]; bodies of exactly 1 KB and 64 KB.

$(micro_table RequestPathBenchmarks)

$(micro_table RecordFormatterBenchmarks)
EOF
}

report >"$work/RESULTS.md"
cat "$work/RESULTS.md"
if [ "$mode" = full ]; then
  cp "$work/RESULTS.md" bench/RESULTS.md
  log "wrote bench/RESULTS.md"
fi
