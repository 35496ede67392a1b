-- bench/visits/wrk.lua — wrk script of bench/run-visits.sh.
--
--   MODE=get  PATH_=/api/v1/schedule COOKIES=FILE   every request a GET of PATH_ with a session
--             cookie drawn at random from FILE (one "shouhu_sid=..." a line: many directors or
--             town supervisors, each seeing its own scope)
--   MODE=post IDS=FILE                               every request records a visit:
--             POST /api/v1/children/{id}/visits with a child id drawn from FILE (children of
--             the caller's scope) and a fresh random UUID (v4) as client_id; cookie, CSRF token
--             and Content-Type come from wrk's -H options. occurred_at is a minute ago (UTC), so
--             never late and never in the future; a third are home visits with the checklist
--             and an adequate caregiver (no problem opened), the rest phone/video contacts.
-- SEED seeds each thread differently. At the end prints one line:
--   wrk-summary requests=N p50_ms=... p95_ms=... p99_ms=... max_ms=... non2xx=N errors=N
local mode = os.getenv("MODE") or "get"
local list = {}
local listfile = mode == "post" and os.getenv("IDS") or os.getenv("COOKIES")
if listfile then
  for line in io.lines(listfile) do
    if #line > 0 then list[#list + 1] = line end
  end
end
assert(#list > 0, "nothing in " .. tostring(listfile))
local path = os.getenv("PATH_") or "/api/v1/schedule"

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

local HOME = '"met":"儿童本人、照护人","checklist":{"living":{"status":"ok","note":""},' ..
  '"guardianship":{"status":"ok","note":""},"schooling":{"status":"ok","note":""},' ..
  '"health":{"status":"ok","note":""},"psychological":{"status":"ok","note":""},' ..
  '"safety":{"status":"ok","note":"","hazards":[]},"parents_contact":{"status":"ok","note":""}},' ..
  '"caregiver_capacity":"adequate","notes":"孩子在家，照护人在场，生活、学习情况正常"'
local PHONE = '"met":"儿童本人","checklist":{"living":{"status":"ok","note":""},' ..
  '"psychological":{"status":"ok","note":""}},"notes":"视频通话，孩子情绪稳定"'

function request()
  if mode ~= "post" then
    return wrk.format("GET", path, { Cookie = list[math.random(#list)] })
  end
  local id = list[math.random(#list)]
  local home = math.random(3) == 1
  local body = string.format('{"kind":"%s","occurred_at":"%s","client_id":"%s",%s}',
    home and "home_visit" or "phone_video", os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60), uuid4(),
    home and HOME or PHONE)
  return wrk.format("POST", "/api/v1/children/" .. id .. "/visits", nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk-summary requests=%d p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
