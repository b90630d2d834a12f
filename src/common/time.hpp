#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cartera::time {

// Microseconds since the Unix epoch, UTC. Stored as integers on both backends.
using Micros = int64_t;

Micros Now();
// RFC 3339 in UTC with second precision: "2026-11-22T14:03:00Z".
std::string FormatRfc3339(Micros at);
// Parses RFC 3339 (with Z or an offset, optional fraction); nullopt when malformed.
std::optional<Micros> ParseRfc3339(std::string_view text);

}  // namespace cartera::time
