#!/usr/bin/env bash
# What the gateway costs, side by side on this machine in one run, against the bundled sample API's POST /fetch
# (a tiny JSON answer): direct to the sample API; plain YARP (the gateway, a route with no policy); first use on
# Redis and on the in-memory store; replay of recorded keys on Redis; same-key contention on Redis. Then the fleet:
# three gateway processes on one Redis and on a three-master Redis Cluster, driven with first uses (store commands
# and notifications per request) and with many duplicates waiting on one key held upstream (store calls per waiter
# per second, wake-ups per waiting instance). Then the micro-benchmarks. Prints markdown tables, with the targets of
# issue 12 judged pass or fail; a full run also writes them to bench/RESULTS.md.
#
#   bench/run.sh           full run, about 7 minutes on 2 cores (12 at most); writes bench/RESULTS.md
#   bench/run.sh --smoke   every step for a second or so, no thresholds, writes nothing in the repository (CI)
#
# Environment knobs: BENCH_DURATION (measured seconds per scenario, 8), BENCH_WARMUP (least warm-up seconds, 2; a
# gateway warms up on until its JIT has settled, BENCH_MAX_WARMUP at most, 30), BENCH_CONNECTIONS (16),
# BENCH_CONTENTION_CONNECTIONS (64), BENCH_KEYS (recorded keys replayed, 1000), BENCH_FLEET_CONNECTIONS (per
# instance, 8), BENCH_WAITERS (duplicates waiting on one key, 150), BENCH_HOLD_MS (how long the upstream holds the
# original they wait for, 8000), BENCH_WAIT_ROUNDS (keys waited on per topology, 3).
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
  duration=1 warmup=0 max_warmup=0 keys=100 micro_job=dry waiters=30 hold_ms=5000 wait_rounds=1
else
  duration=${BENCH_DURATION:-8} warmup=${BENCH_WARMUP:-2} max_warmup=${BENCH_MAX_WARMUP:-30} keys=${BENCH_KEYS:-1000} micro_job=short
  waiters=${BENCH_WAITERS:-150} hold_ms=${BENCH_HOLD_MS:-8000} wait_rounds=${BENCH_WAIT_ROUNDS:-3}
fi
# Tiered compilation goes on for many seconds on 2 busy cores; a warm-up round that compiled fewer methods than
# this counts as settled.
settled_jit_methods=25
connections=${BENCH_CONNECTIONS:-16}
contention_connections=${BENCH_CONTENTION_CONNECTIONS:-64}
fleet_connections=${BENCH_FLEET_CONNECTIONS:-8}
fleet_size=3
# Commands a client sends on its own schedule, not per request.
heartbeats='PING ECHO INFO CLUSTER CLIENT CONFIG COMMAND HELLO AUTH SELECT SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE'
# The same for Redis's own counts (INFO commandstats), which start after the clients have connected: subscribing is
# counted there, as a gateway may subscribe per waited key; MONITOR and INFO are this script's.
background_commands='ping echo info cluster client config command hello auth select readonly monitor'

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

# A port nothing answers on, nor on port + offset (a Cluster node's bus port is +10000), both below Linux's ephemeral
# range (32768 on): a port there may be the local end of some connection, and a server could not bind it.
free_port() { # [offset]
  local port offset=${1:-0}
  while true; do
    port=$((20000 + RANDOM % (12768 - offset)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + offset))") 2>/dev/null; then
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
store_endpoints="127.0.0.1:$redis_port" # what the gateways started next connect to
store_ports=("$redis_port")               # the Redis nodes behind it, whose counters are read

# Redis's own counters, summed over the nodes of $store_ports: "cmd <command> <calls> <usec>" per command (those a
# script runs inside Redis included), and "cpu <seconds>" (used_cpu_sys + used_cpu_user).
redis_counters() {
  local port
  for port in "${store_ports[@]}"; do
    redis-cli -p "$port" info commandstats cpu
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

# Calls in a redis_delta, per unit: of the commands named, or of every command but the background ones.
delta_calls() { # delta-file divisor [command...]
  awk -v divisor="$2" -v named="${*:3}" -v background="$background_commands" '
    BEGIN { split(named == "" ? background : named, list, " "); for (i in list) listed[list[i]] = 1 }
    $1 == "cmd" { base = $2; sub(/\|.*/, "", base); if ((base in listed) == (named != "")) calls += $3 }
    END { printf "%.2f", calls / divisor }' "$1"
}

# The store commands of a redis_delta, by command, per unit (those a script runs inside Redis included).
delta_breakdown() { # delta-file divisor
  awk -v divisor="$2" -v background="$background_commands" '
    BEGIN { split(background, list, " "); for (i in list) skip[list[i]] = 1 }
    $1 == "cmd" { base = $2; sub(/\|.*/, "", base); if (!(base in skip)) out = out sprintf("%s%s %.2f", out == "" ? "" : ", ", toupper($2), $3 / divisor) }
    END { print out == "" ? "none" : out }' "$1"
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
  # The in-memory store gets room for every key a run sends (its 100 MiB default fills in about 30 s of unique keys,
  # and a full store answers 503 fast): the scenario measures first uses, not the size limit.
  local store=(--Idempotency:Store:Provider=InMemory --Idempotency:Store:InMemory:SizeLimitBytes=4294967296)
  [ "$2" = redis ] && store=(--Idempotency:Store:Provider=Redis "--Idempotency:Store:Redis:Configuration=$store_endpoints")
  gateway_config "$3" >"$work/$1.json"
  gateway_url="http://127.0.0.1:$(free_port)"
  start "$1" dotnet "$host_dll" --config "$work/$1.json" --urls "$gateway_url" "${store[@]}" --Logging:LogLevel:Default=Warning
  gateway_pid=$started
  wait_until "$1" curl -sf "$gateway_url/_bench/counters"
}

counters() { curl -sf "${1:-$gateway_url}/_bench/counters"; } # [gateway url]
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

# ---- the fleet ----
# Three gateway processes on one store, a single Redis and then a three-master Redis Cluster. What they cost Redis
# is read from Redis's own counters (INFO commandstats, summed over the nodes), so the figures hold for whatever data
# model and notification scheme the code under test has. Notices delivered are counted from every node's MONITOR
# log, which runs from before the gateways connect: each PUBLISH reached the clients subscribed, on any node (a
# Cluster broadcasts it), to its channel or to a matching pattern; each SPUBLISH, those subscribed to its shard
# channel. MONITOR slows Redis down, so the fleet reports counts, not speed.
fleet_results="$work/fleet.tsv"
: >"$fleet_results"
request_headers=(-H 'Content-Type: application/json' -H 'Authorization: Bearer bench-client')
now() { date +%s.%N; }

start_cluster() { # three masters, joined: sets store_ports and store_endpoints to theirs, cluster_pids
  local node port
  store_ports=() cluster_pids=()
  mkdir -p "$work/cluster"
  for node in 1 2 3; do
    port=$(free_port 10000)
    start "cluster-$node" redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --cluster-enabled yes \
      --cluster-config-file "$work/cluster/nodes-$port.conf" --dir "$work/cluster"
    cluster_pids+=("$started")
    wait_until "cluster-$node" redis-cli -p "$port" ping
    store_ports+=("$port")
  done
  store_endpoints=$(printf '127.0.0.1:%s,' "${store_ports[@]}")
  store_endpoints=${store_endpoints%,}
  # shellcheck disable=SC2046 # one argument per node
  redis-cli --cluster create $(printf '127.0.0.1:%s ' "${store_ports[@]}") --cluster-replicas 0 --cluster-yes \
    >"$work/cluster-create.log" 2>&1 || { cat "$work/cluster-create.log" >&2; exit 1; }
  for port in "${store_ports[@]}"; do
    wait_until cluster-create cluster_ok "$port"
  done
}
cluster_ok() { redis-cli -p "$1" cluster info | grep -q '^cluster_state:ok'; }

start_monitors() { # one MONITOR per node of $store_ports, logging to monitor-<port>.log: sets monitor_pids
  local port
  monitor_pids=()
  for port in "${store_ports[@]}"; do
    start "monitor-$port" redis-cli -p "$port" monitor
    monitor_pids+=("$started")
    wait_until "monitor-$port" grep -q '^OK' "$work/monitor-$port.log"
  done
}

# Notices published and delivered between two instants (see above). Prints "publishes deliveries".
deliveries() { # from to
  local port
  for port in "${store_ports[@]}"; do
    { grep -aiE '^[0-9.]+ \[[0-9]+ [^]]*\] "(s|p)?(un)?(subscribe|publish)"' "$work/monitor-$port.log" || true; } |
      sed "s/^\([0-9.]*\) \[[0-9]* \([^]]*\)\]/\1 $port:\2/"
  done | sort -s -k1,1n | awk -v from="$1" -v to="$2" '
    function glob(pattern) { gsub(/[.+^$(){}|\\]/, "\\\\&", pattern); gsub(/\*/, ".*", pattern); gsub(/\?/, ".", pattern); return "^" pattern "$" }
    function drop(key, parts) { split(key, parts, SUBSEP); delete on[key]; count[parts[1], parts[3]]--; if (parts[1] == "p") patterns[parts[3]]-- }
    {
      command = tolower($3)
      gsub(/"/, "", command)
      kind = command ~ /^(s(un)?subscribe|spublish)$/ ? "s" : command ~ /^p(un)?subscribe$/ ? "p" : "c"
      if (command ~ /publish$/) {
        if ($1 < from || $1 > to) next
        reached = count[kind, $4] + 0
        if (kind == "c") for (pattern in patterns) if (patterns[pattern] > 0 && $4 ~ glob(pattern)) reached += patterns[pattern]
        publishes++
        delivered += reached
      } else if (command ~ /^.?unsubscribe$/) {
        if (NF == 3) { for (key in on) { split(key, parts, SUBSEP); if (parts[1] == kind && parts[2] == $2) drop(key) } }
        else for (i = 4; i <= NF; i++) if ((kind, $2, $i) in on) drop(kind SUBSEP $2 SUBSEP $i)
      } else {
        for (i = 4; i <= NF; i++) if (!((kind, $2, $i) in on)) { on[kind, $2, $i] = 1; count[kind, $i]++; if (kind == "p") patterns[$i]++ }
      }
    }
    END { printf "%d %d\n", publishes, delivered }'
}

# Store calls the clients sent between two instants, from every node's MONITOR log: not the commands a script runs
# inside Redis, nor connection upkeep.
sent_calls() { # from to
  local port
  for port in "${store_ports[@]}"; do
    cat "$work/monitor-$port.log"
  done | awk -v from="$1" -v to="$2" -v background="$background_commands" '
    BEGIN { split(background, list, " "); for (i in list) skip[list[i]] = 1 }
    $1 >= from && $1 <= to && $2 ~ /^\[[0-9]+$/ && $3 != "lua]" { command = tolower($4); gsub(/"/, "", command); if (!(command in skip)) calls++ }
    END { print calls + 0 }'
}

start_fleet() { # topology: fleet_size gateways on $store_endpoints, sets fleet_urls and fleet_pids
  local instance
  fleet_urls=() fleet_pids=()
  for ((instance = 1; instance <= fleet_size; instance++)); do
    start_gateway "fleet-$1-$instance" redis bench
    fleet_urls+=("$gateway_url")
    fleet_pids+=("$gateway_pid")
  done
}

fleet_requests() {
  local url total=0
  for url in "${fleet_urls[@]}"; do
    total=$((total + $(counter "$(counters "$url")" requests)))
  done
  echo "$total"
}

fleet_keys() {
  local port total=0
  for port in "${store_ports[@]}"; do
    total=$((total + $(redis-cli -p "$port" dbsize)))
  done
  echo "$total"
}
more_keys_than() { [ "$(fleet_keys)" -gt "$1" ]; }
requests_reached() { [ "$(fleet_requests)" -ge "$1" ]; }

spread_first_uses() { # seconds key-prefix: unique-key first uses on every instance at once
  local instance wrks=()
  for instance in "${!fleet_urls[@]}"; do
    BENCH_KEY_PREFIX="$2-$instance" wrk -t1 -c"$fleet_connections" -d"$1"s --timeout 5s -s bench/wrk/unique-keys.lua \
      "${fleet_urls[$instance]}" >"$work/fleet-wrk-$instance.out" 2>&1 &
    wrks+=("$!")
  done
  wait "${wrks[@]}"
  grep -h '^BENCH ' "$work"/fleet-wrk-*.out >"$work/fleet-wrk.lines" || { log "wrk failed:"; cat "$work"/fleet-wrk-*.out >&2; exit 1; }
}

# Scale-out: first uses spread over the instances, none waited for. Appends a "spread" row to $fleet_results.
scale_out() { # topology label
  local prefix="run$$-$1-spread" instance requests=() cpu=() up_before completions total=0 from to per_instance=""
  spread_first_uses "$((warmup > 0 ? warmup : 1))" "$prefix-w"
  for instance in "${!fleet_urls[@]}"; do
    requests[instance]=$(counter "$(counters "${fleet_urls[$instance]}")" requests)
    cpu[instance]=$(cpu_ticks "${fleet_pids[$instance]}")
  done
  up_before=$(upstream_calls)
  redis_counters >"$work/spread-before"
  from=$(now)
  spread_first_uses "$duration" "$prefix-m"
  sleep 0.3 # in-flight requests finish
  to=$(now)
  redis_counters >"$work/spread-after"
  completions=$(($(upstream_calls) - up_before))
  for instance in "${!fleet_urls[@]}"; do
    requests[instance]=$(($(counter "$(counters "${fleet_urls[$instance]}")" requests) - requests[instance]))
    cpu[instance]=$(($(cpu_ticks "${fleet_pids[$instance]}") - cpu[instance]))
    total=$((total + requests[instance]))
    per_instance+="${per_instance:+ / }$(per_request_us "${cpu[instance]}" "${requests[instance]}")"
  done
  redis_delta "$work/spread-before" "$work/spread-after" >"$work/spread-delta"
  read -r _ delivered < <(deliveries "$from" "$to")
  printf 'spread\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$total" "$completions" \
    "$(delta_calls "$work/spread-delta" "$total")" "$(delta_calls "$work/spread-delta" "$completions" publish spublish)" \
    "$(awk -v d="$delivered" -v n="$completions" -v i="$fleet_size" 'BEGIN { printf "%.2f", d / n / i }')" \
    "$per_instance" "$(awk '{ fields = split($0, f, /[ =]/); for (i = 2; i < fields; i += 2) if (f[i] ~ /errors|non_2xx/) n += f[i + 1] } END { print n + 0 }' "$work/fleet-wrk.lines")" \
    "$(delta_breakdown "$work/spread-delta" "$total")" "$(sent_calls "$from" "$to" | awk -v n="$total" '{ printf "%.2f", $1 / n }')" >>"$fleet_results"
}

# One key waited on: its first use, sent to the first instance, is held upstream for $hold_ms; once it is claimed,
# $waiters duplicates go to the instances in turn. Store calls are counted over the steady wait (from half a second
# after the last duplicate arrived, its first store calls done, until the last sample before the upstream executed
# the original) and over the whole round. Appends "steady-calls waiter-seconds round-calls publishes delivered completions answered-2xx" to
# $work/waits.
wait_round() { # topology round
  local key body keys_before up_before requests_before start from to sampled end original duplicates instance publishes delivered
  key=$(printf 'run%s-%s-wait-%012d' "$$" "$1" "$2")
  body="{\"url\":\"https://example.com/a\",\"intent\":\"bench\",\"idempotency_key\":\"$key\"}"
  keys_before=$(fleet_keys) up_before=$(upstream_calls) requests_before=$(fleet_requests)
  redis_counters >"$work/wait-start"
  start=$(now)
  curl -s -o /dev/null -w '%{http_code}\n' "${request_headers[@]}" -H "X-Sample-Delay-Ms: $hold_ms" -d "$body" \
    "${fleet_urls[0]}/fetch" >"$work/original.out" &
  original=$!
  wait_until claim more_keys_than "$keys_before"
  for ((instance = 0; instance < waiters; instance++)); do
    printf 'url = "%s/fetch"\noutput = "/dev/null"\n' "${fleet_urls[instance % fleet_size]}"
  done >"$work/waiters.curl"
  curl -s --parallel --parallel-immediate --parallel-max "$waiters" -w '%{http_code}\n' "${request_headers[@]}" \
    -H "X-Sample-Delay-Ms: $hold_ms" -d "$body" -K "$work/waiters.curl" >"$work/waiters.out" 2>"$work/waiters.err" &
  duplicates=$!
  wait_until arrivals requests_reached "$((requests_before + 1 + waiters))"
  sleep 0.5 # their first store calls made: from here on they only wait
  redis_counters >"$work/wait-from"
  from=$(now) to=$from
  cp "$work/wait-from" "$work/wait-to"
  # Every half second, as long as the upstream has not executed the original (it counts the call once executed,
  # before the gateway records it), the counters so far are still pure waiting.
  while sleep 0.5 && [ "$(upstream_calls)" -eq "$up_before" ]; do
    redis_counters >"$work/wait-sample"
    sampled=$(now)
    [ "$(upstream_calls)" -eq "$up_before" ] || break
    mv "$work/wait-sample" "$work/wait-to"
    to=$sampled
  done
  wait "$duplicates" "$original"
    end=$(now)
  redis_delta "$work/wait-from" "$work/wait-to" >"$work/wait-steady"
  read -r publishes delivered < <(deliveries "$start" "$end")
  printf '%s %s %s %s %s %s %s %s\n' "$(sent_calls "$from" "$to")" \
    "$(awk -v from="$from" -v to="$to" -v n="$waiters" 'BEGIN { printf "%.3f", (to - from) * n }')" \
    "$(sent_calls "$start" "$end")" "$publishes" "$delivered" "$(($(upstream_calls) - up_before))" \
    "$(cat "$work/waiters.out" "$work/original.out" | grep -c '^2' || true)" "$(delta_calls "$work/wait-steady" 1)" >>"$work/waits"
}

# Waiters: $wait_rounds keys waited on, one after another. Appends a "waiters" row to $fleet_results.
wait_rounds() { # topology label
  local round
  : >"$work/waits"
  for ((round = 1; round <= wait_rounds; round++)); do
    wait_round "$1" "$round"
  done
  awk -v label="$2" -v waiters="$waiters" -v hold="$hold_ms" -v instances="$fleet_size" -v rounds="$wait_rounds" '
    { steady += $1; seconds += $2; calls += $3; publishes += $4; delivered += $5; completions += $6; answered += $7; commands += $8 }
    END {
      printf "waiters\t%s\t%d\t%d\t%.1f\t%s\t%.2f\t%.2f\t%.2f\t%d/%d\t%d\t%s\n", label, rounds, waiters, hold / 1000,
        (seconds > 0 ? sprintf("%.2f", steady / seconds) : "–"), calls / rounds / waiters,
        publishes / (completions ? completions : 1), delivered / (completions ? completions : 1) / instances, answered, rounds * (waiters + 1), completions,
        (seconds > 0 ? sprintf("%.2f", commands / seconds) : "–")
    }' "$work/waits" >>"$fleet_results"
}

fleet() { # topology (redis|cluster) label
  local pid
  if [ "$1" = cluster ]; then
    start_cluster
  else
    rcli flushall >/dev/null
  fi
  log "scenario: fleet of $fleet_size on $2"
  start_monitors
  start_fleet "$1"
  scale_out "$1" "$2"
  wait_rounds "$1" "$2"
  for pid in "${fleet_pids[@]}" "${monitor_pids[@]}"; do
    stop "$pid"
  done
}

# The smoke run checks the harness on the Cluster only: it goes through every step the single Redis does.
[ "$mode" = smoke ] || fleet redis "one Redis"
fleet cluster "Redis Cluster, 3 masters"
for pid in "${cluster_pids[@]}"; do
  stop "$pid"
done
store_ports=("$redis_port") store_endpoints="127.0.0.1:$redis_port"

log "micro-benchmarks ($micro_job job)..."
dotnet "$micro_dll" --filter '*' --job "$micro_job" --inProcess --artifacts "$work/micro" >"$work/micro.log" 2>&1 || { cat "$work/micro.log" >&2; exit 1; }

# ---- report ----
plain_rps=$(awk -F'\t' '$1 == "plain" { print $4 }' "$results")
plain_p99=$(awk -F'\t' '$1 == "plain" { print $6 }' "$results")
value() { awk -F'\t' -v name="$1" -v column="$2" '$1 == name { print $column }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }'; } # nothing without both figures
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
verdict() { # value operator (>= or <=) threshold: pass or fail; a smoke run judges nothing
  awk -v v="$1" -v op="$2" -v t="$3" -v mode="$mode" 'BEGIN {
    if (mode == "smoke") { print "not judged (smoke run)"; exit }
    if (v !~ /^[0-9]+(\.[0-9]+)?$/) { print "**fail** (no figure)"; exit }
    ok = (op == ">=") ? v >= t : v <= t
    print ok ? "pass" : "**fail**"
  }'
}
fleet_value() { awk -F'\t' -v kind="$1" -v label="$2" -v column="$3" '$1 == kind && $2 == label { print $column }' "$fleet_results"; }
target_row() { # target measured unit operator threshold: a row of the targets table
  printf '| %s | %s%s | %s |\n' "$1" "${2:-–}" "$3" "$(verdict "$2" "$4" "$5")"
}
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

## The fleet: ${fleet_size} gateway instances on one store

Each store starts empty, with \`MONITOR\` on every node before the gateways connect, which slows Redis down: these
are counts, not speeds. Store commands are Redis's own count (\`INFO commandstats\`, summed over the nodes, the
commands a script runs inside Redis included; connection upkeep and this script's \`INFO\` and \`MONITOR\` left
out); store calls sent are the commands the gateways sent, from the \`MONITOR\` logs (a script is one call);
notifications are the \`PUBLISH\` and \`SPUBLISH\` calls among the commands; notices delivered replay the
\`MONITOR\` logs: each publish reached the clients subscribed at that moment to its channel (or a matching pattern,
on any node for a classic \`PUBLISH\`) or, for \`SPUBLISH\`, to its shard channel.

First uses spread over the instances: unique keys, ${fleet_connections} connections to each instance, ${duration} s.
Nobody waits for any of them, so every completion is un-awaited.

| store | requests | completions | store calls sent/req | store commands/req (scripts' included) | notifications/completion | notices delivered per completion per instance | gateway CPU µs/req, instance 1 / 2 / 3 | errors |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(awk -F'\t' '$1 == "spread" { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $11, $5, $6, $7, $8, $9 }' "$fleet_results")

Store commands per request, by command: $(awk -F'\t' '$1 == "spread" { printf "%s%s: %s", n++ ? "; " : "", $2, $10 }' "$fleet_results").

Waiters: ${wait_rounds} keys one after another; each one's first use goes to instance 1 and is held upstream for
$(awk -v ms="$hold_ms" 'BEGIN { printf "%.1f", ms / 1000 }') s (the sample API's \`X-Sample-Delay-Ms\`); once it is claimed, ${waiters} duplicates go to the
${fleet_size} instances in turn and wait. Store calls per waiter per second are counted over the steady wait, from
half a second after the last duplicate arrived until the last half-second sample before the upstream executed the
original; per waiter, over the whole round
(arrival and replay included). Wake-ups are notices delivered, per completion, per waiting instance (all ${fleet_size}).

| store | keys | waiters per key | store calls sent per waiter per second (steady) | store commands per waiter per second, scripts' included (steady) | store calls sent per waiter (round) | notifications/completion | wake-ups per waiting instance per completion | 2xx answers | upstream executions |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(awk -F'\t' '$1 == "waiters" { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $6, $12, $7, $8, $9, $10, $11 }' "$fleet_results")

## Targets

| target | measured | |
|---|---|---|
$(target_row "first use on Redis ≥ 0.7× plain YARP requests/s" "$(ratio "$(value first-redis 4)" "$plain_rps")" × ">=" 0.7)
$(target_row "first use on Redis p99 ≤ 1.5× plain YARP's" "$(ratio "$(value first-redis 6)" "$plain_p99")" × "<=" 1.5)
$(target_row "replay on Redis ≥ 2× plain YARP requests/s" "$(ratio "$(value replay 4)" "$plain_rps")" × ">=" 2)
$(target_row "gateway CPU per first use on Redis ≤ 1.5× plain YARP's" "$(ratio "$(value first-redis 15)" "$(value plain 15)")" × "<=" 1.5)
$(target_row "gateway CPU per replay on Redis ≤ 0.6× plain YARP's" "$(ratio "$(value replay 15)" "$(value plain 15)")" × "<=" 0.6)
$(target_row "Redis execution time per replay ≤ 3 µs" "$(value replay 19)" " µs" "<=" 3)
$(target_row "Redis execution time per first use ≤ 15 µs" "$(value first-redis 19)" " µs" "<=" 15)
$(for topology in "one Redis" "Redis Cluster, 3 masters"; do
  target_row "notifications per un-awaited completion = 0, ${fleet_size} instances on $topology" "$(fleet_value spread "$topology" 6)" "" "<=" 0
  target_row "store calls per waiter per second ≤ 0.5, $topology" "$(fleet_value waiters "$topology" 6)" "" "<=" 0.5
  target_row "wake-ups per waiting instance per completion ≤ 1, $topology" "$(fleet_value waiters "$topology" 9)" "" "<=" 1
done)
$(target_row "Redis round trips per replay = 1" "$rtt_replay" "" "<=" 1.005)
$(target_row "Redis round trips per first use ≤ 2" "$rtt_first" "" "<=" 2.005)
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
