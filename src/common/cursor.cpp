#include "common/cursor.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/crypto.hpp"

namespace cartera::cursor {

namespace json = boost::json;

Error Invalid() {
  Error bad =
      MakeError(ErrorCode::kInvalidArgument, "bad_request", "cursor is not one this list issued.");
  bad.fields.push_back({"cursor", "invalid", "Use next_cursor from a previous page."});
  return bad;
}

std::string Encode(std::string_view list, const Position& position) {
  const json::object object = {{"l", list}, {"k", position.key}, {"i", position.id}};
  return crypto::Base64UrlEncode(json::serialize(object));
}

Result<Position> Decode(std::string_view list, std::string_view text) {
  const auto raw = crypto::Base64UrlDecode(text);
  boost::system::error_code error;
  const json::value value = raw ? json::parse(*raw, error) : json::value();
  const json::object* object = raw && !error ? value.if_object() : nullptr;
  const json::value* tag = object ? object->if_contains("l") : nullptr;
  const json::value* key = object ? object->if_contains("k") : nullptr;
  const json::value* id = object ? object->if_contains("i") : nullptr;
  if (!tag || !key || !id || !tag->is_string() || tag->as_string() != list || !key->is_string() ||
      !id->is_int64()) {
    return Invalid();
  }
  return Position{std::string(key->as_string()), id->as_int64()};
}

}  // namespace cartera::cursor
