-- First use: every request carries a key never seen before.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local sent = 0

function request()
  sent = sent + 1
  return keyed_request(string.format("%s-u%d-%012d", key_prefix, thread_number, sent))
end
