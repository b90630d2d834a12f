-- GET /api/v1/q/{token}: the quick-order catalogue page (the first 100 products a customer may
-- buy, at its personal prices, with stock) for random tokens from TOKENS (one per line). With
-- Q=1 every request also searches (q=…) for a fragment of a product name or SKU.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local terms = {"led", "cable", "tornillo", "inox", "premium", "pintura", "tubo", "serie%20500",
               "fer-0", "silla", "talla", "caja"}
local search = os.getenv("Q") == "1"
local threads = {}
function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end
function init() math.randomseed(os.time() + thread_id * 7919) end
bad = 0
function request()
  local path = "/api/v1/q/" .. tokens[math.random(1, #tokens)]
  if search then path = path .. "?q=" .. terms[math.random(1, #terms)] end
  return wrk.format("GET", path)
end
function response(status)
  if status ~= 200 then bad = bad + 1 end
end
function done()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("non-200 answers: %d\n", total))
end
