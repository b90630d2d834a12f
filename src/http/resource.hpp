#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.hpp"
#include "common/result.hpp"
#include "common/version.hpp"
#include "http/request.hpp"

// Helpers shared by every resource route: ids, versions and ETags.
namespace cartera::http {

// The id in the path parameter `{id}`; kNotFound naming `what` ("customer") when it is not an
// id (a path that names nothing).
Result<int64_t> PathId(const Request& request, std::string what);

// The version a write expects, from `If-Match` ("3", W/"3"; "*" or absent: none) or else from
// a `version` read from the body. An unreadable If-Match expects version 0, which never matches.
std::optional<int64_t> ExpectedVersion(const Request& request, std::optional<int64_t> body_version);

// The If-Match precondition alone, judged against `current_version` before the body is read
// (RFC 9110 §13.2.2): a stale writer learns that first, whatever else is wrong with its body.
Status CheckIfMatch(const Request& request, int64_t current_version);

// Adds the ETag for `version`.
Response& WithEtag(Response& response, int64_t version);

// Reads `limit` (1-200, default `fallback`). Errors: kValidation naming `limit`.
Result<int64_t> ParseLimit(const Request& request, int64_t fallback = 50);

// Reads `limit` (as ParseLimit) and `cursor` into the targets; errors go to `errors`.
void ReadPaging(const Request& request, int64_t fallback, int64_t& limit,
                std::optional<std::string>& cursor, std::vector<FieldError>& errors);

// Reads query parameter `name` into `target` when present and non-empty; a value outside
// `allowed` adds an `invalid_enum` error to `errors`.
void ReadQueryEnum(const Request& request, std::string_view name,
                   std::span<const std::string_view> allowed, std::optional<std::string>& target,
                   std::vector<FieldError>& errors);

// Reads query parameter `name` as an id into `target` when present and non-empty; anything but
// a positive integer adds an `invalid` error.
void ReadQueryId(const Request& request, std::string_view name, std::optional<int64_t>& target,
                 std::vector<FieldError>& errors);

}  // namespace cartera::http
