-- wrk script of scripts/bench-rest.sh. Environment:
--   BENCH_DATA   Lua file from `exec:java@rest-bench-data requests` (tables `decisions` and `usccs`)
--   BENCH_MODE   decisions | matches | mixed (every other request a decision, the rest matches)
--   BENCH_TOKEN  bearer token (platform: may decide and read any enterprise's matches)
--   BENCH_AS_OF  asOf date of the matches (default 2026-06-30)
--   BENCH_DELAY_MS  if > 0, each connection waits about this long (0.5–1.5×) before each request: a steady
--                load below capacity instead of as fast as possible
-- Each thread rotates over the bodies from its own offset. Responses other than 2xx are counted per
-- status and a few are kept; done() prints one line "BENCH key=value ..." for the shell script.
dofile(os.getenv("BENCH_DATA"))
local mode = os.getenv("BENCH_MODE") or "decisions"
local token = os.getenv("BENCH_TOKEN")
local asOf = os.getenv("BENCH_AS_OF") or "2026-06-30"

local delayMs = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local threads = {}

if delayMs > 0 then
  function delay()
    return math.floor(delayMs * (0.5 + math.random()))
  end
end

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tid)
  counter = tid * 1009
  ok = 0
  non2xx = 0
  statusCounts = {}
  samples = ""
  decisionHeaders = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  getHeaders = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
end

local function decision()
  return wrk.format("POST", "/api/v1/acceptance/decisions", decisionHeaders, decisions[(counter % #decisions) + 1])
end

local function matches()
  return wrk.format("GET", "/api/v1/enterprises/" .. usccs[(counter % #usccs) + 1] .. "/matches?asOf=" .. asOf, getHeaders, nil)
end

function request()
  counter = counter + 1
  if mode == "decisions" then
    return decision()
  elseif mode == "matches" then
    return matches()
  elseif counter % 2 == 0 then
    return decision()
  else
    return matches()
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    statusCounts[tostring(status)] = (statusCounts[tostring(status)] or 0) + 1
    if #samples < 2000 then
      samples = samples .. status .. ": " .. string.sub(body or "", 1, 300) .. " | "
    end
  end
end

function done(summary, latency, requests)
  local ok2xx, bad, codes, kept = 0, 0, {}, ""
  for _, t in ipairs(threads) do
    ok2xx = ok2xx + t:get("ok")
    bad = bad + t:get("non2xx")
    for s, n in pairs(t:get("statusCounts")) do
      codes[s] = (codes[s] or 0) + n
    end
    kept = kept .. t:get("samples")
  end
  local byStatus = ""
  for s, n in pairs(codes) do
    byStatus = byStatus .. s .. "x" .. n .. ","
  end
  local seconds = summary.duration / 1e6
  -- wrk records no latency for an answer slower than --timeout (it counts it as a timeout instead)
  local function ms(us)
    if latency.max == 0 then return "-" end
    return string.format("%.2f", us / 1000)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH mode=%s seconds=%.1f requests=%d ok2xx=%d rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s non2xx=%d statuses=%s connect=%d read=%d write=%d timeout=%d\n",
    mode, seconds, summary.requests, ok2xx, summary.requests / seconds,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    bad, byStatus == "" and "-" or byStatus, e.connect, e.read, e.write, e.timeout))
  if kept ~= "" then
    io.write("BENCH-SAMPLES " .. kept .. "\n")
  end
end
