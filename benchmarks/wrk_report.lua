-- Prints wrk's figures for benchmarks/run.py as one JSON line: requests, seconds, latency percentiles in
-- microseconds, and errors (a status of 400 or more counts as one).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "p50_us": %d, "p95_us": %d, "p99_us": %d, "connect": %d, ' ..
    '"read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
