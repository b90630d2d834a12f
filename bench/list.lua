-- A page of 50 customers filtered by status, sorted by name (both statuses in turn).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local paths = {"/api/v1/customers?status=current&limit=50",
               "/api/v1/customers?status=potential&limit=50"}
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
