-- POST /api/v1/q/{token}/orders with a fresh Idempotency-Key per request, from TOKENS (a file
-- with one quick-order token per line) and PRODUCTS (product ids, comma-separated).
local tokens, products = {}, {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
for id in string.gmatch(os.getenv("PRODUCTS"), "[^,]+") do products[#products + 1] = id end
local counter = 0
local thread_id = 0
local threads = {}
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
local errors = 0
function response(status)
  if status ~= 201 then errors = errors + 1 end
end
