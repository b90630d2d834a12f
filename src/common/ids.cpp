#include "common/ids.hpp"

#include <charconv>

namespace cartera {

std::optional<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace cartera
