-- SPDX-License-Identifier: EUPL-1.2
-- GET /api/v1/me: authenticated (session, account and roles read from the
-- database) but neither audited nor committed. Measured between /healthz and the
-- audited read, it splits the read's cost into authentication and audit/commit.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

wrk.method = "GET"
wrk.path = "/api/v1/me"

function init(args)
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
end

function done(summary, latency, requests)
   report.json_line(summary, latency)
end
