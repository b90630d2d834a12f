-- Customers filtered by two tags (all must match), sorted by name, with include_total: every
-- pair of the tags in TAGS (comma-separated) in turn. SECTIONS=1 adds status=current and
-- status=potential as the customers page asks (one request per section); LIMIT (50).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local tags = {}
for tag in string.gmatch(os.getenv("TAGS") or "", "[^,]+") do table.insert(tags, tag) end
local limit = os.getenv("LIMIT") or "50"
local sections = os.getenv("SECTIONS") == "1"

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i = 1, #tags do
  for j = i + 1, #tags do
    local base = "/api/v1/customers?include_total=true&limit=" .. limit .. "&tag=" .. encode(tags[i]) ..
                 "&tag=" .. encode(tags[j])
    if sections then
      table.insert(paths, base .. "&status=current")
      table.insert(paths, base .. "&status=potential")
    else
      table.insert(paths, base)
    end
  end
end

local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
