-- SPDX-License-Identifier: EUPL-1.2
-- POST /api/v1/visits/{id}/check-in {"method":"app"} (the planning scenario,
-- bench/planning.sh): a different visit in every request, all assigned to the signed-in
-- aide beforehand. Only 200 replies count as check-ins; a second check-in of a visit
-- would answer 409 already_checked_in, so no id is ever sent twice.
--
-- Env: BENCH_TOKEN (the aide's bearer token), BENCH_PL_IDS (file of visit ids, one per
-- line, 36 characters + newline each), BENCH_PL_NIDS (ids in the file), BENCH_PL_OFFSET
-- (first id not used by an earlier run), BENCH_PL_THREADS (wrk -t), BENCH_PL_ACKED (file
-- the acknowledged visit ids are written to, one per line).
-- Thread t of T takes ids OFFSET + t, OFFSET + t + T, OFFSET + t + 2T, ...: the run uses
-- at most OFFSET .. OFFSET + T * max(used per thread) - 1, reported as "ids_span" so that
-- the next run starts after it. A thread that runs out of ids sends GET /healthz instead
-- (counted as "exhausted"; the 200 it gets has no visit id and is not a check-in) and
-- stops; the run is then reported as short of ids.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local threads = {}
local next_thread = 0

function setup(thread)
   thread:set("tid", next_thread)
   next_thread = next_thread + 1
   threads[#threads + 1] = thread
end

local W = 37 -- bytes per line
local ids, offset, nids, nthreads = "", 0, 0, 1
local body = '{"method":"app"}'
local filler
used, exhausted, ok, conflict, status_4xx, status_5xx, status_other, filler_200 = 0, 0, 0, 0, 0, 0, 0, 0
acked = {}

function init(args)
   local path = os.getenv("BENCH_PL_IDS") or error("BENCH_PL_IDS not set")
   local f = assert(io.open(path, "rb"))
   ids = f:read("*a")
   f:close()
   nids = tonumber(os.getenv("BENCH_PL_NIDS") or "0")
   if nids * W > #ids then error("BENCH_PL_IDS holds fewer than BENCH_PL_NIDS ids") end
   offset = tonumber(os.getenv("BENCH_PL_OFFSET") or "0")
   nthreads = tonumber(os.getenv("BENCH_PL_THREADS") or "1")
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
   wrk.headers["Content-Type"] = "application/json"
   filler = wrk.format("GET", "/healthz")
end

function request()
   local i = offset + tid + nthreads * used
   if i >= nids then
      exhausted = exhausted + 1
      wrk.thread:stop()
      return filler
   end
   used = used + 1
   local id = string.sub(ids, i * W + 1, i * W + 36)
   return wrk.format("POST", "/api/v1/visits/" .. id .. "/check-in", nil, body)
end

function response(status, headers, b)
   if status == 200 then
      local id = string.match(b or "", '^{"id":"([%x%-]+)"')
      if id then
         ok = ok + 1
         acked[#acked + 1] = id
      else
         filler_200 = filler_200 + 1
      end
   elseif status == 409 then
      conflict = conflict + 1
   elseif status >= 400 and status < 500 then
      status_4xx = status_4xx + 1
   elseif status >= 500 then
      status_5xx = status_5xx + 1
   else
      status_other = status_other + 1
   end
end

function done(summary, latency, requests)
   local c = { ok = 0, conflict = 0, status_4xx = 0, status_5xx = 0, status_other = 0,
               exhausted = 0, filler_200 = 0 }
   local maxused, sent = 0, 0
   local out = os.getenv("BENCH_PL_ACKED")
   local f = out and assert(io.open(out, "w"))
   for _, t in ipairs(threads) do
      for k in pairs(c) do c[k] = c[k] + t:get(k) end
      local u = t:get("used")
      sent = sent + u
      if u > maxused then maxused = u end
      if f then
         local a = t:get("acked")
         if #a > 0 then f:write(table.concat(a, "\n"), "\n") end
      end
   end
   if f then f:close() end
   local secs = summary.duration / 1e6
   report.json_line(summary, latency, {
      { "checked_in", c.ok }, { "checked_in_per_s", string.format("%.1f", c.ok / secs) },
      { "status_409", c.conflict }, { "status_4xx_other", c.status_4xx },
      { "status_5xx", c.status_5xx }, { "status_other", c.status_other },
      { "ids_sent", sent }, { "ids_span", #threads * maxused },
      { "exhausted", c.exhausted }, { "filler_200", c.filler_200 },
   })
end
