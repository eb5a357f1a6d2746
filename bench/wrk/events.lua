-- wrk script of the collector benchmark: POSTs the benchmark's events with a Chrome User-Agent.
-- bench/run.sh sets it up through the environment, which every wrk thread reads:
--   BENCH_EVENTS    events per request: 1 posts one JSON object, more post a JSON array of them
--   BENCH_DELAY_MS  above 0, each connection waits this many milliseconds between requests
--   BENCH_METHOD    GET sends the URL as it is, without a body (the book's GET /api/select?...)
-- done() prints one line, "BENCH key=value ...", that run.sh records.

local events = tonumber(os.getenv("BENCH_EVENTS") or "1")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local method = os.getenv("BENCH_METHOD") or "POST"

-- Every event gets an eventId of its own (thread, request and position in the request), as a
-- browser's would: the pipeline keys and de-duplicates by eventId, so one id for every request
-- would measure a single partition and a sink that drops all but the first copy.
local threads_made = 0
local sent = 0
thread_id = 0

function setup(thread)
  threads_made = threads_made + 1
  thread:set("thread_id", threads_made)
end

local function event(request, index)
  return string.format('{"eventId":"2f6c1d2e-%04x-4b7e-9c0f-%012x","userName":"Hanako Yamada",'
    .. '"colorName":"blue","timestamp":"2026-11-22T10:00:00.000+09:00",'
    .. '"sentAt":"2026-11-22T10:00:00.120+09:00"}', thread_id % 0x10000, request * 1024 + index)
end

local function body(request)
  if events == 1 then
    return event(request, 0)
  end
  local parts = {}
  for index = 1, events do
    parts[index] = event(request, index)
  end
  return "[" .. table.concat(parts, ",") .. "]"
end

wrk.method = method
if method == "POST" then
  wrk.body = body(0)
  wrk.headers["Content-Type"] = "application/json"

  function request()
    sent = sent + 1
    return wrk.format(nil, nil, nil, body(sent))
  end
end
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
  .. "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d non2xx=%d socket_errors=%d "
    .. "p50_us=%d p99_us=%d mean_us=%d max_us=%d events_per_request=%d delay_ms=%d body_bytes=%d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)),
    math.floor(latency.mean), latency.max, events, delay_ms, #(wrk.body or "")))
end
