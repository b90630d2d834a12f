#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

// One table of names per closed set: an `enum class` whose values are 0..N-1 in the order of
// its `std::array<std::string_view, N>` of JSON (and database) names. Parsed once at the edge
// (routes, repository rows); the domain compares the enum.
namespace cartera {

template <typename Enum, size_t N>
constexpr std::string_view NameIn(const std::array<std::string_view, N>& names, Enum value) {
  return names[static_cast<size_t>(value)];
}

// nullopt when `name` is none of `names`.
template <typename Enum, size_t N>
constexpr std::optional<Enum> ParseIn(const std::array<std::string_view, N>& names,
                                      std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace cartera
