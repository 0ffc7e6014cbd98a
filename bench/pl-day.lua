-- SPDX-License-Identifier: EUPL-1.2
-- GET /api/v1/me/visits?date=YYYY-MM-DD (the planning scenario, bench/planning.sh): the
-- signed-in worker's day in route order, each visit with its client's address, access
-- notes and notebook counts; one audit entry per client, made durable by the group
-- commit before the reply. Env: BENCH_TOKEN (the aide's bearer token), BENCH_PL_DATE.
-- No response() callback: wrk skips body handling and still counts non-2xx replies.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local req

function init(args)
   local date = os.getenv("BENCH_PL_DATE") or error("BENCH_PL_DATE not set")
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
   req = wrk.format("GET", "/api/v1/me/visits?date=" .. date)
end

function request()
   return req
end

function done(summary, latency, requests)
   report.json_line(summary, latency)
end
