-- Replay: requests cycle through BENCH_KEYS keys (default 1000), recorded by a first pass of this same script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local key_count = tonumber(os.getenv("BENCH_KEYS") or "1000")
local sent = 0

function request()
  sent = sent + 1
  return keyed_request(string.format("%s-fixed-%012d", key_prefix, (sent + thread_number) % key_count))
end
