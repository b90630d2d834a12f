-- Tag suggestions (GET /api/v1/tags?q=…) for a mix of prefixes, one and two letters, and none.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local prefixes = {"", "m", "ma", "v", "e", "ex", "p", "pa", "o", "ob", "f", "r", "i", "in", "x"}
local n = 0
function request()
  n = n + 1
  local prefix = prefixes[(n % #prefixes) + 1]
  return wrk.format("GET", "/api/v1/tags?limit=20" .. (prefix ~= "" and ("&q=" .. prefix) or ""))
end
