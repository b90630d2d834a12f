-- GET /api/v1/customers/{random id among the first CUSTOMERS}/contacts
local count = tonumber(os.getenv("CUSTOMERS"))
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function init() math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
function request()
  return wrk.format("GET", "/api/v1/customers/" .. math.random(1, count) .. "/contacts")
end
