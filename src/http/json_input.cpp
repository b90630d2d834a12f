#include "http/json_input.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>

#include "common/text.hpp"
#include "common/validation.hpp"

namespace cartera::http {

Result<boost::json::value> ParseJson(std::string_view body) {
  if (!text::IsValidUtf8(body)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad_request", "The body is not valid UTF-8.");
  }
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(body, error);
  if (error) {
    return MakeError(ErrorCode::kInvalidArgument, "bad_request",
                     "The body is not valid JSON: " + error.message() + ".");
  }
  return value;
}

Result<boost::json::object> ParseJsonObject(std::string_view body) {
  TRY_ASSIGN(boost::json::value value, ParseJson(body));
  if (!value.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "bad_request", "The body must be a JSON object.");
  }
  return std::move(value.as_object());
}

const boost::json::value* FieldReader::Find(std::string_view name, bool& present) {
  const auto it = object_.find(name);
  present = it != object_.end();
  return present ? &it->value() : nullptr;
}

void FieldReader::AddError(std::string field, std::string code, std::string message) {
  errors_.push_back(FieldError{std::move(field), std::move(code), std::move(message)});
}

Field<std::string> FieldReader::String(std::string_view name, StringRule rule) {
  Field<std::string> field;
  const boost::json::value* value = Find(name, field.present);
  const std::string key(name);
  if (value && value->is_string()) {
    const std::string_view trimmed = text::Trim(value->as_string());
    if (!trimmed.empty()) field.value = std::string(trimmed);
  } else if (value && !value->is_null()) {
    AddError(key, "invalid_type", "Must be a string.");
    return field;
  }
  if (!field.value) {
    // Absent is fine unless required; present but null or blank is fine only when nullable.
    if ((!field.present && rule.required) || (field.present && (!rule.nullable || rule.required))) {
      AddError(key, "required", "This field is required.");
    }
    return field;
  }
  if (text::HasControlCharacters(*field.value)) {
    AddError(key, "invalid", "Control characters are not allowed.");
    field.value.reset();
    return field;
  }
  if (text::CodePointCount(*field.value) > rule.max_length) {
    AddError(key, "too_long", "At most " + std::to_string(rule.max_length) + " characters.");
    field.value.reset();  // a rejected value must not be applied or checked further
  }
  return field;
}

Field<std::string> FieldReader::Enum(std::string_view name,
                                     std::span<const std::string_view> allowed, bool nullable,
                                     bool required) {
  Field<std::string> field;
  const boost::json::value* value = Find(name, field.present);
  const std::string key(name);
  if (!field.present || value->is_null()) {
    if (required || (field.present && !nullable)) {
      AddError(key, "required", "This field is required.");
    }
    return field;
  }
  if (!value->is_string()) {
    AddError(key, "invalid_type", "Must be a string.");
    return field;
  }
  const std::string_view given = value->as_string();
  if (std::find(allowed.begin(), allowed.end(), given) == allowed.end()) {
    std::string choices;
    for (const auto choice : allowed) {
      if (!choices.empty()) choices += ", ";
      choices += choice;
    }
    AddError(key, "invalid_enum", "Must be one of: " + choices + ".");
    return field;
  }
  field.value = std::string(given);
  return field;
}

Field<int64_t> FieldReader::Integer(std::string_view name, int64_t min, int64_t max,
                                    bool nullable) {
  Field<int64_t> field;
  const boost::json::value* value = Find(name, field.present);
  const std::string key(name);
  if (!field.present) return field;
  if (value->is_null()) {
    if (!nullable) AddError(key, "required", "This field cannot be null.");
    return field;
  }
  int64_t number = 0;
  if (value->is_int64()) {
    number = value->as_int64();
  } else if (value->is_uint64() && value->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    number = static_cast<int64_t>(value->as_uint64());
  } else if (value->is_double() && std::trunc(value->as_double()) == value->as_double() &&
             std::fabs(value->as_double()) < 9e15) {
    number = static_cast<int64_t>(value->as_double());
  } else {
    AddError(key, "invalid_type", "Must be a whole number.");
    return field;
  }
  if (number < min || number > max) {
    AddError(key, "out_of_range",
             "Must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
    return field;
  }
  field.value = number;
  return field;
}

Field<bool> FieldReader::Bool(std::string_view name) {
  Field<bool> field;
  const boost::json::value* value = Find(name, field.present);
  if (!field.present) return field;
  if (!value->is_bool()) {
    AddError(std::string(name), "invalid_type", "Must be true or false.");
    return field;
  }
  field.value = value->as_bool();
  return field;
}

Field<int64_t> FieldReader::Hundredths(std::string_view name, double min, double max) {
  Field<int64_t> field;
  const boost::json::value* value = Find(name, field.present);
  const std::string key(name);
  if (!field.present || value->is_null()) return field;
  if (!value->is_number()) {
    AddError(key, "invalid_type", "Must be a number.");
    return field;
  }
  const double number = value->to_number<double>();
  if (number < min || number > max) {
    AddError(key, "out_of_range",
             "Must be between " + std::to_string(static_cast<int>(min)) + " and " +
                 std::to_string(static_cast<int>(max)) + ".");
    return field;
  }
  const auto hundredths = validation::ToHundredths(number);
  if (!hundredths) {
    AddError(key, "invalid", "At most two decimals.");
    return field;
  }
  field.value = *hundredths;
  return field;
}

Field<std::vector<std::string>> FieldReader::StringList(std::string_view name, size_t max_items,
                                                        size_t max_length) {
  Field<std::vector<std::string>> field;
  const boost::json::value* value = Find(name, field.present);
  const std::string key(name);
  if (!field.present) return field;
  if (value->is_null()) {
    field.value = std::vector<std::string>{};
    return field;
  }
  if (!value->is_array()) {
    AddError(key, "invalid_type", "Must be a list of strings.");
    return field;
  }
  const auto& array = value->as_array();
  if (array.size() > max_items) {
    AddError(key, "too_many", "At most " + std::to_string(max_items) + " items.");
    return field;
  }
  std::vector<std::string> items;
  bool valid = true;
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string item_key = key + "[" + std::to_string(i) + "]";
    if (!array[i].is_string()) {
      AddError(item_key, "invalid_type", "Must be a string.");
      valid = false;
      continue;
    }
    const std::string_view item = text::Trim(array[i].as_string());
    if (item.empty()) {
      AddError(item_key, "required", "Must not be empty.");
      valid = false;
    } else if (text::HasControlCharacters(item)) {
      AddError(item_key, "invalid", "Control characters are not allowed.");
      valid = false;
    } else if (text::CodePointCount(item) > max_length) {
      AddError(item_key, "too_long", "At most " + std::to_string(max_length) + " characters.");
      valid = false;
    } else {
      items.emplace_back(item);
    }
  }
  if (valid) field.value = std::move(items);
  return field;
}

}  // namespace cartera::http
