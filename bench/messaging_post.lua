-- POSTs JSON bodies in turn (bench/messaging.sh): LINES names a file of "PATH<TAB>BODY" lines
-- (written by bench/messaging_whatsapp_rate.py setup); TOKEN is a staff token.
local requests = {}
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
for line in io.lines(os.getenv("LINES")) do
  local path, body = line:match("^([^\t]+)\t(.*)$")
  requests[#requests + 1] = wrk.format("POST", path, nil, body)
end
local i = 0
function init() math.randomseed(os.time() + math.floor(os.clock() * 1e6)); i = math.random(#requests) end
function request()
  i = i % #requests + 1
  return requests[i]
end
