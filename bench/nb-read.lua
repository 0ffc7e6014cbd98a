-- SPDX-License-Identifier: EUPL-1.2
-- GET /api/v1/clients/{id}/notebook?limit=N (the notebook scenario, bench/notebook.sh):
-- session, client, care-circle access decision, the newest N visible entries, the
-- unread scan, one audit entry made durable by the group commit before the reply.
-- The reader's marker moves only when there are unread entries (the first reads
-- after an append round); afterwards a read writes nothing but its audit entry.
-- Env: BENCH_TOKEN (reader's bearer token), BENCH_CLIENT (client id),
-- BENCH_NB_LIMIT (default 50). No response() callback: wrk skips body handling
-- and still counts non-2xx replies (errors.status).
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local req

function init(args)
   local client = os.getenv("BENCH_CLIENT") or error("BENCH_CLIENT not set")
   local limit = os.getenv("BENCH_NB_LIMIT") or "50"
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
   req = wrk.format("GET", "/api/v1/clients/" .. client .. "/notebook?limit=" .. limit)
end

function request()
   return req
end

function done(summary, latency, requests)
   report.json_line(summary, latency)
end
