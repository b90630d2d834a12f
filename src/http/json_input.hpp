#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace cartera::http {

// Parses a request body of JSON in valid UTF-8.
// Errors: kInvalidArgument `bad_request` (malformed JSON, invalid UTF-8).
Result<boost::json::value> ParseJson(std::string_view body);

// Parses a request body that must be one JSON object in valid UTF-8.
// Errors: kInvalidArgument `bad_request` (malformed JSON, invalid UTF-8, not an object).
Result<boost::json::object> ParseJsonObject(std::string_view body);

// A field of a PATCH-able document: absent, null, or a value.
template <typename T>
struct Field {
  bool present = false;
  std::optional<T> value;  // nullopt with present=true means JSON null

  bool IsSetTo() const { return present && value.has_value(); }
};

struct StringRule {
  size_t max_length = 200;  // in code points
  bool required = false;    // must be present and non-empty (on create)
  bool nullable = true;     // null (or "") allowed; "" is read as null
};

// Reads typed fields out of a JSON object, collecting one FieldError per bad field so that a
// client learns every problem at once. Unknown fields are ignored.
class FieldReader {
 public:
  explicit FieldReader(const boost::json::object& object) : object_(object) {}

  // Trimmed string; "" becomes null.
  Field<std::string> String(std::string_view name, StringRule rule = {});
  Field<std::string> Enum(std::string_view name, std::span<const std::string_view> allowed,
                          bool nullable, bool required = false);
  Field<int64_t> Integer(std::string_view name, int64_t min, int64_t max, bool nullable);
  Field<bool> Bool(std::string_view name);
  // A number with at most two decimals within [min, max], as hundredths.
  Field<int64_t> Hundredths(std::string_view name, double min, double max);
  Field<std::vector<std::string>> StringList(std::string_view name, size_t max_items,
                                             size_t max_length);

  void AddError(std::string field, std::string code, std::string message);
  const std::vector<FieldError>& errors() const { return errors_; }
  bool ok() const { return errors_.empty(); }

 private:
  const boost::json::value* Find(std::string_view name, bool& present);

  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

}  // namespace cartera::http
