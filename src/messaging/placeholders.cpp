#include "messaging/placeholders.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "common/text.hpp"
#include "common/validation.hpp"
#include "mail/template_engine.hpp"

namespace cartera::messaging {
namespace {

namespace json = boost::json;

struct Tag {
  size_t begin = 0, end = 0;  // the whole tag, braces included
  std::string name;           // trimmed inside, braces removed
};

// Every {{…}} (or {{{…}}}) of `text`, in order.
std::vector<Tag> TagsOf(std::string_view text) {
  std::vector<Tag> tags;
  size_t at = 0;
  while ((at = text.find("{{", at)) != std::string_view::npos) {
    const bool triple = text.substr(at, 3) == "{{{";
    const std::string_view close = triple ? "}}}" : "}}";
    const size_t inner = at + (triple ? 3 : 2);
    const size_t end = text.find(close, inner);
    if (end == std::string_view::npos) {
      tags.push_back({at, text.size(), std::string(text.substr(at))});
      break;
    }
    tags.push_back(
        {at, end + close.size(), std::string(text::Trim(text.substr(inner, end - inner)))});
    at = end + close.size();
  }
  return tags;
}

const json::value* Lookup(const json::object& values, std::string_view name) {
  const json::object* object = &values;
  const json::value* found = nullptr;
  while (true) {
    const size_t dot = name.find('.');
    const std::string_view part = name.substr(0, dot);
    found = object->if_contains(part);
    if (!found) return nullptr;
    if (dot == std::string_view::npos) return found;
    if (!found->is_object()) return nullptr;
    object = &found->get_object();
    name = name.substr(dot + 1);
  }
}

std::string ValueText(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_int64()) return std::to_string(value.get_int64());
  if (value.is_double()) return json::serialize(value);
  if (value.is_bool()) return value.get_bool() ? "true" : "false";
  return "";
}

}  // namespace

std::string FormatMoney(int64_t minor, std::string_view currency, std::string_view language) {
  const bool english = language == "en";
  const int digits = validation::CurrencyMinorUnits(std::string(currency));
  int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const uint64_t magnitude = minor < 0 ? 0 - static_cast<uint64_t>(minor) : minor;
  std::string whole = std::to_string(magnitude / static_cast<uint64_t>(scale));
  for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) {
    whole.insert(static_cast<size_t>(at), english ? "," : ".");
  }
  std::string number = whole;
  if (digits > 0) {
    std::string fraction = std::to_string(magnitude % static_cast<uint64_t>(scale));
    number += (english ? "." : ",") +
              std::string(static_cast<size_t>(digits) - fraction.size(), '0') + fraction;
  }
  std::string symbol(currency);
  if (currency == "EUR") symbol = "€";
  if (currency == "USD" || currency == "MXN" || currency == "ARS" || currency == "CLP" ||
      currency == "COP") {
    symbol = "$";
  }
  if (currency == "GBP") symbol = "£";
  const std::string sign = minor < 0 ? "-" : "";
  const bool code = symbol == currency;
  if (english) return sign + symbol + (code ? " " : "") + number;
  return sign + number + " " + symbol;
}

bool IsKnownPlaceholder(std::string_view name) {
  return std::any_of(kPlaceholders.begin(), kPlaceholders.end(),
                     [&](const Placeholder& p) { return p.name == name; });
}

std::vector<std::string> PlaceholdersOf(std::string_view text) {
  std::vector<std::string> names;
  for (const Tag& tag : TagsOf(text)) {
    if (std::find(names.begin(), names.end(), tag.name) == names.end()) names.push_back(tag.name);
  }
  return names;
}

void CheckKnown(std::string_view text, std::string_view field, std::vector<FieldError>& errors) {
  for (const std::string& name : PlaceholdersOf(text)) {
    if (IsKnownPlaceholder(name)) continue;
    errors.push_back(
        {std::string(field), "unknown_placeholder", "Unknown placeholder {{" + name + "}}."});
  }
}

void CheckAvailable(std::string_view text, const json::object& values, std::string_view field,
                    std::vector<FieldError>& errors) {
  for (const std::string& name : PlaceholdersOf(text)) {
    if (!IsKnownPlaceholder(name)) continue;
    const json::value* value = Lookup(values, name);
    if (value && !value->is_null() && !ValueText(*value).empty()) continue;
    errors.push_back({std::string(field), "unavailable_placeholder",
                      "No value for {{" + name + "}} with this recipient."});
  }
}

std::string Fill(std::string_view text, const json::object& values, Output output) {
  std::string out;
  size_t at = 0;
  for (const Tag& tag : TagsOf(text)) {
    out.append(text.substr(at, tag.begin - at));
    const json::value* value = IsKnownPlaceholder(tag.name) ? Lookup(values, tag.name) : nullptr;
    const std::string shown = value ? ValueText(*value) : std::string();
    out += output == Output::kHtml ? mail::HtmlEscape(shown) : shown;
    at = tag.end;
  }
  out.append(text.substr(std::min(at, text.size())));
  return out;
}

}  // namespace cartera::messaging
