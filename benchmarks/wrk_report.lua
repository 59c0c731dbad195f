-- wrk's script for benchmarks/load.py. Its arguments, after "--": the text every answer must contain; then, for a
-- rotating row, a file of addresses (one a line) and the line to start at, so each request asks for an address
-- not asked for before. An answer other than 200, or without that text (a redirect to the login page, an error
-- page), counts as unexpected. It prints wrk's figures as one JSON line: requests, seconds, latency percentiles in
-- microseconds, errors, and the line a further run of a rotating row starts at ("next").

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expect = args[1] or ""
  unexpected = 0
  paths = nil
  if args[2] then
    paths = {}
    for line in io.lines(args[2]) do
      paths[#paths + 1] = line
    end
    next_path = tonumber(args[3]) or 1
  end
  fixed = wrk.format()
end

function request()
  if not paths then
    return fixed
  end
  local path = paths[next_path]
  next_path = next_path + 1
  if not path then
    -- The file ran out: count it, so benchmarks/load.py refuses the figures instead of measuring cache hits.
    unexpected = unexpected + 1
    path = paths[1]
  end
  return wrk.format(nil, path)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, expect, 1, true) then
    unexpected = unexpected + 1
  end
end

done = function(summary, latency, requests)
  local bad, next_line = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    next_line = math.max(next_line, thread:get("next_path") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "p50_us": %d, "p95_us": %d, "p99_us": %d, "connect": %d, ' ..
    '"read": %d, "write": %d, "status": %d, "timeout": %d, "unexpected": %d, "next": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.connect, errors.read, errors.write, errors.status, errors.timeout, bad, next_line))
end
