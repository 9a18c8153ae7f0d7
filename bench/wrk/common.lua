-- Shared by the scenario scripts (wrk runs each script once per thread and once more for the summary).
-- Every scenario sends the same request, POST /fetch with a tiny JSON body; only its key changes.
-- BENCH_KEY_PREFIX keeps keys of different runs and phases apart.

key_prefix = os.getenv("BENCH_KEY_PREFIX") or "bench"
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
end

local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer bench-client",
}

function keyed_request(key)
  return wrk.format("POST", "/fetch", headers,
    '{"url":"https://example.com/a","intent":"bench","idempotency_key":"' .. key .. '"}')
end

-- One line for bench/run.sh to read: counts, and latency percentiles in microseconds.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d socket_errors=%d non_2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(99)))
end
