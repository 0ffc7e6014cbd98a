-- SPDX-License-Identifier: EUPL-1.2
-- GET /healthz, the bare endpoint (no session, no database, no audit).
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

wrk.method = "GET"
wrk.path = "/healthz"

function done(summary, latency, requests)
   report.json_line(summary, latency)
end
