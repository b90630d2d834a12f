#include "common/version.hpp"

#include <string>

namespace cartera {

Status CheckVersion(std::optional<int64_t> expected, int64_t current) {
  if (!expected || *expected == current) return Ok{};
  return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                   "This resource changed since you read it (version " + std::to_string(current) +
                       " now); reload it.");
}

}  // namespace cartera
