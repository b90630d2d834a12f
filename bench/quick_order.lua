-- POST /api/v1/q/{token}/orders with a fresh Idempotency-Key per request, from TOKENS (a file
-- with one quick-order token per line) and PRODUCTS (product ids, comma-separated). Reports
-- the answers that were not 201 and the 201s that replayed an earlier order (neither may
-- happen: every request is a new order).
local tokens, products = {}, {}
for line in io.lines(os.getenv("TOKENS")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
for id in string.gmatch(os.getenv("PRODUCTS"), "[^,]+") do products[#products + 1] = id end
local counter = 0
local threads = {}
-- thread_id is a global set per thread by setup(), so each thread has its own random
-- sequence and its own keys.
function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end
function init() math.randomseed(os.time() + thread_id * 7919) end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function request()
  counter = counter + 1
  local token = tokens[math.random(1, #tokens)]
  local a = products[math.random(1, #products)]
  local b = products[math.random(1, #products)]
  local body = '{"lines":[{"product_id":"' .. a .. '","quantity":' .. math.random(1, 20) ..
      '},{"product_id":"' .. b .. '","quantity":' .. math.random(1, 20) ..
      '}],"buyer":{"name":"Bench"},"note":"bench"}'
  wrk.headers["Idempotency-Key"] = "b" .. thread_id .. "-" .. os.time() .. "-" .. counter
  return wrk.format(nil, "/api/v1/q/" .. token .. "/orders", nil, body)
end
errors, replayed = 0, 0
function response(status, headers)
  if status ~= 201 then
    errors = errors + 1
  elseif headers["Idempotent-Replayed"] then
    replayed = replayed + 1
  end
end
function done(summary)
  local e, r = 0, 0
  for _, thread in ipairs(threads) do
    e = e + thread:get("errors")
    r = r + thread:get("replayed")
  end
  io.write(string.format("non-201 answers: %d\n", e))
  io.write(string.format("replayed 201 answers: %d\n", r))
  local new = summary.requests - e - r
  io.write(string.format("new orders: %d, per second: %.1f\n", new, new / (summary.duration / 1e6)))
end
