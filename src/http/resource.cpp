#include "http/resource.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "common/text.hpp"

namespace cartera::http {

Result<int64_t> PathId(const Request& request, std::string what) {
  const auto id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(std::move(what));
  return *id;
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

Status CheckIfMatch(const Request& request, int64_t current_version) {
  return CheckVersion(ExpectedVersion(request, std::nullopt), current_version);
}

Response& WithEtag(Response& response, int64_t version) {
  return response.SetHeader("ETag", "\"" + std::to_string(version) + "\"");
}

Result<int64_t> ParseLimit(const Request& request, int64_t fallback) {
  const auto text = request.QueryValue("limit");
  if (!text) return fallback;
  int64_t limit = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 200) {
    return ValidationError({{"limit", "out_of_range", "A whole number from 1 to 200."}});
  }
  return limit;
}

void ReadPaging(const Request& request, int64_t fallback, int64_t& limit,
                std::optional<std::string>& cursor, std::vector<FieldError>& errors) {
  if (auto parsed = ParseLimit(request, fallback); parsed.ok()) {
    limit = *parsed;
  } else {
    for (const auto& field : parsed.error().fields) errors.push_back(field);
  }
  if (auto text = request.QueryValue("cursor"); text && !text->empty()) cursor = std::string(*text);
}

void ReadQueryEnum(const Request& request, std::string_view name,
                   std::span<const std::string_view> allowed, std::optional<std::string>& target,
                   std::vector<FieldError>& errors) {
  const auto value = request.QueryValue(name);
  if (!value || value->empty()) return;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    errors.push_back({std::string(name), "invalid_enum", "Not an allowed value."});
    return;
  }
  target = std::string(*value);
}

void ReadQueryId(const Request& request, std::string_view name, std::optional<int64_t>& target,
                 std::vector<FieldError>& errors) {
  const auto value = request.QueryValue(name);
  if (!value || value->empty()) return;
  target = ParseId(*value);
  if (!target) errors.push_back({std::string(name), "invalid", "Not an id."});
}

}  // namespace cartera::http
