-- SPDX-License-Identifier: EUPL-1.2
-- GET /api/v1/clients/{id}: session look-up, access decision, audit entry made
-- durable by the group commit before the reply. Ids are drawn at random from the
-- file named by BENCH_IDS (one id a line); BENCH_TOKEN is the bearer token.
-- No response() callback: wrk then skips body handling, and non-2xx replies are
-- still counted by its summary (errors.status).
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local ids = {}

function init(args)
   local path = os.getenv("BENCH_IDS") or error("BENCH_IDS not set")
   for line in io.lines(path) do
      if #line > 0 then ids[#ids + 1] = line end
   end
   if #ids == 0 then error("no ids in " .. path) end
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
   -- Each thread gets its own sequence.
   math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000))
end

function request()
   return wrk.format("GET", "/api/v1/clients/" .. ids[math.random(#ids)])
end

function done(summary, latency, requests)
   report.json_line(summary, latency)
end
