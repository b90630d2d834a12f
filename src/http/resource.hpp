#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "http/request.hpp"

// Helpers shared by every resource route: ids, versions and ETags.
namespace cartera::http {

// An id from the path ("42"); nullopt when it is not a positive integer (answer 404).
std::optional<int64_t> ParseId(std::string_view text);

// The version a write expects, from `If-Match` ("3", W/"3"; "*" or absent: none) or else from
// a `version` read from the body. An unreadable If-Match expects version 0, which never matches.
std::optional<int64_t> ExpectedVersion(const Request& request, std::optional<int64_t> body_version);

// kFailedPrecondition `precondition_failed` when `expected` is set and differs from `current`.
Status CheckVersion(std::optional<int64_t> expected, int64_t current);

// Adds the ETag for `version`.
Response& WithEtag(Response& response, int64_t version);

// Reads `limit` (1-200, default 50). Errors: kValidation naming `limit`.
Result<int64_t> ParseLimit(const Request& request);

}  // namespace cartera::http
