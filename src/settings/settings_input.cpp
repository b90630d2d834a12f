#include "settings/settings_input.hpp"

#include <algorithm>
#include <cctype>

#include "common/validation.hpp"
#include "http/json_input.hpp"

namespace cartera::settings {
namespace {

// A time zone name as the IANA database spells them: "UTC", "Europe/Madrid",
// "America/Argentina/Buenos_Aires".
bool IsTimeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<SettingsPatch> ReadSettingsPatch(const boost::json::object& body,
                                        std::span<const std::string_view> order_statuses) {
  http::FieldReader reader(body);
  SettingsPatch patch;
  const auto text = [&](std::string_view name, size_t max_length, auto&& valid,
                        std::string_view message, std::optional<std::string>& target) {
    const auto field = reader.String(name, {.max_length = max_length, .nullable = false});
    if (!field.value) return;
    if (!valid(*field.value)) {
      reader.AddError(std::string(name), "invalid", std::string(message));
      return;
    }
    target = *field.value;
  };
  text(
      "store_name", 100, [](const std::string&) { return true; }, "", patch.store_name);
  text(
      "default_currency", 3, [](const std::string& v) { return validation::IsCurrencyCode(v); },
      "An ISO 4217 code, e.g. EUR.", patch.default_currency);
  text(
      "default_language", 10, [](const std::string& v) { return v == "es" || v == "en"; },
      "One of: es, en.", patch.default_language);
  text(
      "timezone", 64, [](const std::string& v) { return IsTimeZoneName(v); },
      "A time zone name such as Europe/Madrid.", patch.timezone);
  if (const auto mode = reader.Enum("registration_mode", kRegistrationModes, false); mode.value) {
    patch.registration_mode = ParseRegistrationMode(*mode.value);
  }
  if (const auto visibility = reader.Enum("price_visibility", kPriceVisibilities, false);
      visibility.value) {
    patch.price_visibility = ParsePriceVisibility(*visibility.value);
  }
  if (const auto alert = reader.String("alert_email", {.max_length = 254}); alert.present) {
    if (alert.value && !validation::IsEmail(*alert.value)) {
      reader.AddError("alert_email", "invalid", "Not a valid email address.");
    } else {
      patch.alert_email = alert.value;
    }
  }
  text(
      "whatsapp_api_base_url", 300,
      [](const std::string& v) { return v.starts_with("https://") || v.starts_with("http://"); },
      "An http or https URL.", patch.whatsapp_api_base_url);
  // Write-only values, and the phone number id: null or "" clears them.
  const std::pair<std::string_view, std::optional<std::string>*> clearable[] = {
      {"whatsapp_phone_number_id", &patch.whatsapp_phone_number_id},
      {"whatsapp_access_token", &patch.whatsapp_access_token},
      {"whatsapp_app_secret", &patch.whatsapp_app_secret},
      {"whatsapp_verify_token", &patch.whatsapp_verify_token}};
  for (const auto& [name, target] : clearable) {
    if (const auto field = reader.String(name, {.max_length = 1000}); field.present) {
      *target = field.value.value_or("");
    }
  }
  text(
      "default_country", 2,
      [](const std::string& v) {
        return v.size() == 2 && std::isupper(static_cast<unsigned char>(v[0])) &&
               std::isupper(static_cast<unsigned char>(v[1]));
      },
      "An ISO 3166-1 alpha-2 code in capitals, e.g. ES.", patch.default_country);
  if (const auto statuses = reader.StringList("notify_order_status", 10, 20); statuses.value) {
    std::vector<std::string> list;
    for (const auto& status : *statuses.value) {
      if (std::find(order_statuses.begin(), order_statuses.end(), status) == order_statuses.end()) {
        reader.AddError("notify_order_status", "invalid_enum", "Not an order status: " + status);
      } else if (std::find(list.begin(), list.end(), status) == list.end()) {
        list.push_back(status);
      }
    }
    patch.notify_order_status = std::move(list);
  }
  if (!reader.ok()) return ValidationError(reader.errors());
  return patch;
}

}  // namespace cartera::settings
