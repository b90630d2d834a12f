#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cartera {

// An id as text ("42", from a path, a query or a JSON string); nullopt when it is not a positive
// integer (a route answers 404).
std::optional<int64_t> ParseId(std::string_view text);

}  // namespace cartera
