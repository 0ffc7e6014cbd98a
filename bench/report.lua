-- SPDX-License-Identifier: EUPL-1.2
-- Shared by the wrk scripts of bench/run.sh: done() prints one JSON line,
-- prefixed "BENCH_JSON ", that run.sh picks out of wrk's output.
-- Latencies are in microseconds; rps counts every completed response.
local M = {}

function M.json_line(summary, latency, extra)
   local secs = summary.duration / 1e6
   local parts = {
      string.format('"requests":%d', summary.requests),
      string.format('"duration_s":%.3f', secs),
      string.format('"rps":%.1f', summary.requests / secs),
      string.format('"p50_us":%d', latency:percentile(50)),
      string.format('"p90_us":%d', latency:percentile(90)),
      string.format('"p99_us":%d', latency:percentile(99)),
      string.format('"max_us":%d', latency.max),
      string.format('"non_2xx_3xx":%d', summary.errors.status),
      string.format('"socket_errors":%d', summary.errors.connect + summary.errors.read
                       + summary.errors.write + summary.errors.timeout),
      string.format('"timeouts":%d', summary.errors.timeout),
   }
   for _, kv in ipairs(extra or {}) do
      parts[#parts + 1] = string.format('"%s":%s', kv[1], kv[2])
   end
   io.write("BENCH_JSON {" .. table.concat(parts, ",") .. "}\n")
end

return M
