-- GET /api/v1/orders?customer_id=…&limit=50: the first page of a customer's order history,
-- newest first, with the staff token TOKEN, for random customers 1..CUSTOMERS or, when IDS
-- names a file (one id per line), for random ids from it. Reports non-200 answers and the
-- mean number of orders per page.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local ids = {}
local file = os.getenv("IDS")
if file and #file > 0 then
  for line in io.lines(file) do
    if #line > 0 then ids[#ids + 1] = line end
  end
end
local count = tonumber(os.getenv("CUSTOMERS") or "0")
local threads = {}
function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end
function init() math.randomseed(os.time() + thread_id * 7919) end
bad, pages, items = 0, 0, 0
function request()
  local id = #ids > 0 and ids[math.random(1, #ids)] or tostring(math.random(1, count))
  return wrk.format("GET", "/api/v1/orders?customer_id=" .. id .. "&limit=50")
end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    return
  end
  pages = pages + 1
  local at = 1
  while true do
    local found = string.find(body, '"number":"', at, true)
    if not found then break end
    items = items + 1
    at = found + 10
  end
end
function done()
  local b, p, n = 0, 0, 0
  for _, thread in ipairs(threads) do
    b = b + thread:get("bad")
    p = p + thread:get("pages")
    n = n + thread:get("items")
  end
  io.write(string.format("non-200 answers: %d\n", b))
  io.write(string.format("orders per page: %.1f\n", p > 0 and n / p or 0))
end
