-- SPDX-License-Identifier: EUPL-1.2
-- POST /api/v1/clients with a different person in every body: the birth name
-- carries, in letters (digits are dropped from identity keys), the round, the
-- wrk thread and a per-thread counter, so no two requests of a run share an
-- identity and the server never has a reason to answer 409 duplicate_identity.
-- Env: BENCH_TOKEN, BENCH_ORG (org id), BENCH_ROUND (letters-safe integer).
-- Counts replies by status; only 201s count as created clients.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local threads = {}
local next_thread = 0

function setup(thread)
   thread:set("tid", next_thread)
   next_thread = next_thread + 1
   threads[#threads + 1] = thread
end

-- n in base 26, lower-case letters, fixed width (most significant first).
local function letters(n, width)
   local t = {}
   for i = width, 1, -1 do
      t[i] = string.char(97 + n % 26)
      n = math.floor(n / 26)
   end
   return table.concat(t)
end

local given = { "Marie", "Jeanne", "Louise", "Paul", "Pierre", "Jean", "Yvette", "Andre" }
local prefix, org, counter = "", "", 0
created, other, conflicts, invalid = 0, 0, 0, 0

function init(args)
   local round = tonumber(os.getenv("BENCH_ROUND") or "0")
   org = os.getenv("BENCH_ORG") or error("BENCH_ORG not set")
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
   wrk.headers["Content-Type"] = "application/json"
   -- Run nonce (3 letters, from the clock), round (2), wrk thread (2); the counter
   -- (5 letters) follows in request().
   prefix = "Bench" .. letters(os.time() % 17576, 3) .. letters(round, 2)
            .. letters(tid, 2)
   math.randomseed(os.time() + tid * 7919 + round * 104729)
end

function request()
   counter = counter + 1
   local y = 1925 + math.random(0, 75)
   local m = math.random(1, 12)
   local d = math.random(1, 28)
   local body = string.format(
      '{"org_id":"%s","birth_name":"%s%s","birth_given_names":"%s","sex":"%s",'
      .. '"birth_date":"%04d-%02d-%02d","postal_code":"75011","city":"Paris"}',
      org, prefix, letters(counter, 5), given[math.random(#given)],
      (counter % 2 == 0) and "F" or "M", y, m, d)
   return wrk.format("POST", "/api/v1/clients", nil, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   elseif status == 409 then
      conflicts = conflicts + 1
   elseif status == 400 or status == 422 then
      invalid = invalid + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local c, o, k, v = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      c = c + t:get("created")
      o = o + t:get("other")
      k = k + t:get("conflicts")
      v = v + t:get("invalid")
   end
   local secs = summary.duration / 1e6
   report.json_line(summary, latency, {
      { "created", c }, { "created_per_s", string.format("%.1f", c / secs) },
      { "status_409", k }, { "status_400_422", v }, { "status_other", o },
   })
end
