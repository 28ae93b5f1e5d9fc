-- wrk reporter: one machine-readable line with the median, p95, throughput and errors of the run. Any answer that
-- is not 2xx counts as an error (a 302 to the sign-in page included), and so do wrk's own socket errors and timeouts.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("not_2xx") or 0)
  end
  local errors = bad + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT p50_ms=%.3f p95_ms=%.3f max_ms=%.3f rps=%.1f requests=%d errors=%d not_2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors, bad))
end
