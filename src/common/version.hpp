#pragma once

#include <cstdint>
#include <optional>

#include "common/result.hpp"

namespace cartera {

// The one optimistic-concurrency check of a versioned write: kFailedPrecondition
// `precondition_failed` when `expected` is set and differs from `current`. A route reads the
// expected version (If-Match or the body's `version`, http::ExpectedVersion); the service checks
// it against the row it read inside its transaction.
Status CheckVersion(std::optional<int64_t> expected, int64_t current);

}  // namespace cartera
