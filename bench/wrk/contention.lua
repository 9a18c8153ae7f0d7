-- Same-key contention: BENCH_CONTENTION_KEYS keys (default 4) are live at a time, and each thread moves to fresh
-- ones every BENCH_CONTENTION_BATCH requests (default 64), so with as many connections, most requests arrive while
-- the first use of their key is still in flight: they wait for it, then replay it.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local key_count = tonumber(os.getenv("BENCH_CONTENTION_KEYS") or "4")
local batch = tonumber(os.getenv("BENCH_CONTENTION_BATCH") or "64")
local sent = 0

function request()
  sent = sent + 1
  return keyed_request(string.format("%s-c%d-%010d-%d", key_prefix, thread_number, math.floor(sent / batch), sent % key_count))
end
