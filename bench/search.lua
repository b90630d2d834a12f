-- Search with fragments of the length given by FRAGMENT (3 or 6 letters).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local fragments = {
  ["3"] = {"ele", "fer", "dis", "pap", "nte", "ria", "mar", "gom", "sur", "val", "cen", "tex"},
  ["6"] = {"electr", "ferret", "distri", "sumini", "papele", "martin", "gonzal", "rodrig",
           "atlant", "pacifi", "catala", "climat"},
}
local list = fragments[os.getenv("FRAGMENT")]
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", "/api/v1/customers?limit=50&q=" .. list[(i % #list) + 1])
end
