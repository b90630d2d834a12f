#include "http/request.hpp"

#include "common/text.hpp"

namespace cartera::http {
namespace {

template <typename Pairs>
std::optional<std::string_view> FindFirst(const Pairs& pairs, std::string_view name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> Request::Header(std::string_view name) const {
  return FindFirst(headers, name);
}

std::optional<std::string_view> Request::QueryValue(std::string_view name) const {
  return FindFirst(query, name);
}

std::vector<std::string_view> Request::QueryValues(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& [key, value] : query) {
    if (key == name) values.emplace_back(value);
  }
  return values;
}

std::string_view Request::PathParam(std::string_view name) const {
  return FindFirst(path_params, name).value_or(std::string_view());
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t end = rest.find(';');
      const std::string_view pair = text::Trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      const size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return std::nullopt;
}

Response& Response::SetHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace cartera::http
