-- bench/children/paths.lua — wrk script of bench/run-children.sh: every request is a GET of a
-- path drawn at random from the file named by $PATHS (one path a line), with the headers given
-- on wrk's command line (-H 'Cookie: ...'). At the end prints one line:
--   paths-summary requests=N p50_ms=... p95_ms=... p99_ms=... max_ms=... non2xx=N errors=N
-- (percentiles of wrk's own latency histogram, which is per request and covers all threads).
local paths = {}
local file = os.getenv("PATHS") or error("PATHS is not set")
for line in io.lines(file) do
  if #line > 0 then paths[#paths + 1] = line end
end
assert(#paths > 0, "no paths in " .. file)

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter * 7919 + (tonumber(os.getenv("SEED") or "1") or 1))
end

function init(args)
  math.randomseed(seed or 1)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "paths-summary requests=%d p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
