#include "http/resource.hpp"

#include <charconv>
#include <string>

#include "common/text.hpp"

namespace cartera::http {

std::optional<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<int64_t> ExpectedVersion(const Request& request,
                                       std::optional<int64_t> body_version) {
  const auto header = request.Header("if-match");
  if (!header) return body_version;
  std::string_view value = text::Trim(*header);
  if (value == "*") return body_version;
  if (value.rfind("W/", 0) == 0) value.remove_prefix(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return ParseId(value).value_or(0);
}

Status CheckVersion(std::optional<int64_t> expected, int64_t current) {
  if (!expected || *expected == current) return Ok{};
  return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                   "This resource changed since you read it (version " + std::to_string(current) +
                       " now); reload it.");
}

Response& WithEtag(Response& response, int64_t version) {
  return response.SetHeader("ETag", "\"" + std::to_string(version) + "\"");
}

Result<int64_t> ParseLimit(const Request& request) {
  const auto text = request.QueryValue("limit");
  if (!text) return int64_t{50};
  int64_t limit = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 200) {
    return ValidationError({{"limit", "out_of_range", "A whole number from 1 to 200."}});
  }
  return limit;
}

}  // namespace cartera::http
