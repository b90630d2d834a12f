-- POST /api/v1/portal/login as a random one of CONTACTS bench contacts (c<n>@bench.example).
local count = tonumber(os.getenv("CONTACTS"))
local password = os.getenv("PASSWORD")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function init() math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
function request()
  local body = '{"email":"c' .. math.random(1, count) .. '@bench.example","password":"' .. password .. '"}'
  return wrk.format("POST", "/api/v1/portal/login", nil, body)
end
