#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

// Keyset cursors for every cursor-paged list: the sort key and id of the last row given, plus
// the name of the list so a cursor from one list is refused by another. Opaque to clients.
namespace cartera::cursor {

struct Position {
  std::string key;  // the sort key of the last row (text, or a number written as text)
  int64_t id = 0;
};

// kInvalidArgument `bad_request` naming `cursor`.
Error Invalid();

std::string Encode(std::string_view list, const Position& position);
// Errors: kInvalidArgument `bad_request` naming `cursor`, for text this list did not issue.
Result<Position> Decode(std::string_view list, std::string_view text);

}  // namespace cartera::cursor
