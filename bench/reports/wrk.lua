-- bench/reports/wrk.lua — wrk script of bench/run-reports.sh.
--
--   MODE=get  PATH_=/api/v1/reports?box=queue   every request a GET of PATH_ (cookie from wrk -H)
--   MODE=post REGIONS=FILE                      every request files a mandatory report (强制报告):
--             POST /api/v1/reports about a child not in the register (a provisional record),
--             in a village drawn from FILE (one region code a line), a situation drawn from four
--             that route to the police by default, a fresh random UUID (v4) as client_id; cookie,
--             CSRF token and Content-Type from wrk's -H options.
-- SEED seeds each thread differently. At the end prints one line:
--   wrk-summary requests=N p50_ms=... p95_ms=... p99_ms=... max_ms=... non2xx=N errors=N
local mode = os.getenv("MODE") or "get"
local path = os.getenv("PATH_") or "/api/v1/reports?box=queue"
local regions = {}
if mode == "post" then
  for line in io.lines(os.getenv("REGIONS")) do
    if #line > 0 then regions[#regions + 1] = line end
  end
  assert(#regions > 0, "no regions")
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter * 7919 + (tonumber(os.getenv("SEED") or "1") or 1))
end

-- Seeded from /dev/urandom as well: the same seeds in every wrk run would repeat the client_ids
-- of the first run in the later ones, and the server answers a repeated client_id with the
-- stored record (a retry) instead of storing a new one.
function init(args)
  local f = io.open("/dev/urandom", "rb")
  local b = f:read(4)
  f:close()
  math.randomseed((seed or 1) + ((b:byte(1) * 256 + b:byte(2)) * 256 + b:byte(3)) * 256 + b:byte(4))
end

local function uuid4()
  local r = math.random
  return string.format("%08x-%04x-4%03x-%x%03x-%04x%08x", r(0, 0xffffffff), r(0, 0xffff),
    r(0, 0xfff), r(8, 11), r(0, 0xfff), r(0, 0xffff), r(0, 0xffffffff))
end

local SITUATIONS = { "abuse_violence", "left_without_care", "unexplained_injury", "missing" }
local URGENCIES = { "immediate", "urgent", "normal" }
local SURNAMES = { "测", "试", "样", "例" }

function request()
  if mode ~= "post" then
    return wrk.format("GET", path)
  end
  local body = string.format(
    '{"situation":"%s","urgency":"%s","seen":"学生身上多处淤青，自述在家中被打（压测数据）",' ..
    '"happened_at":"%s","place":"家中","region_code":"%s","pupil":true,' ..
    '"child":{"name":"%s某%d","sex":"%s","age":%d,"description":"压测虚构儿童"},' ..
    '"channel":"online","client_id":"%s"}',
    SITUATIONS[math.random(#SITUATIONS)], URGENCIES[math.random(#URGENCIES)],
    os.date("!%Y-%m-%d", os.time() + 8 * 3600), regions[math.random(#regions)],
    SURNAMES[math.random(#SURNAMES)], math.random(1, 999), math.random(2) == 1 and "M" or "F",
    math.random(6, 15), uuid4())
  return wrk.format("POST", "/api/v1/reports", nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk-summary requests=%d p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
