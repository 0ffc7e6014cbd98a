-- SPDX-License-Identifier: EUPL-1.2
-- POST /api/v1/clients/{id}/notebook (the notebook scenario, bench/notebook.sh): a
-- new "daily" entry in every request, its text varied by round, wrk thread and a
-- per-thread counter. Env: BENCH_TOKEN (author's bearer token), BENCH_CLIENT,
-- BENCH_ROUND. Counts replies by status; only 201s count as appended entries.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local threads = {}
local next_thread = 0

function setup(thread)
   thread:set("tid", next_thread)
   next_thread = next_thread + 1
   threads[#threads + 1] = thread
end

local notes = {
   "Repas pris, bonne humeur, a bien dormi.",
   "Toilette faite, aide a la marche dans le couloir, pas de douleur signalee.",
   "Courses livrees, refrigerateur range. Petite fatigue en fin de matinee.",
   "Visite de la fille ce matin, moral bon. Hydratation : deux verres d'eau.",
   "Repas pris a moitie, appetit faible. A surveiller demain.",
}
local path, round, counter = "", 0, 0
created, other, status_4xx = 0, 0, 0

function init(args)
   local client = os.getenv("BENCH_CLIENT") or error("BENCH_CLIENT not set")
   round = tonumber(os.getenv("BENCH_ROUND") or "0")
   path = "/api/v1/clients/" .. client .. "/notebook"
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local body = string.format('{"category":"daily","text":"%s (bench r%d t%d n%d)"}',
                              notes[counter % #notes + 1], round, tid, counter)
   return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   elseif status >= 400 and status < 500 then
      status_4xx = status_4xx + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local c, o, f = 0, 0, 0
   for _, t in ipairs(threads) do
      c = c + t:get("created")
      o = o + t:get("other")
      f = f + t:get("status_4xx")
   end
   local secs = summary.duration / 1e6
   report.json_line(summary, latency, {
      { "created", c }, { "created_per_s", string.format("%.1f", c / secs) },
      { "status_4xx", f }, { "status_other", o },
   })
end
