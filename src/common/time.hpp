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
// The UTC calendar date of `at`: "2026-11-22".
std::string FormatDate(Micros at);
// Midnight UTC of a "YYYY-MM-DD" date; nullopt when malformed or not a real date.
std::optional<Micros> ParseDate(std::string_view text);
inline constexpr Micros kMicrosPerDay = 86'400'000'000;

}  // namespace cartera::time
