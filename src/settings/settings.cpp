#include "settings/settings.hpp"

#include "common/validation.hpp"
#include "http/json_input.hpp"
#include "orders/order.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace cartera::settings {
namespace {

namespace json = boost::json;

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

Settings Load(storage::Connection& connection) {
  Settings settings;
  for (const auto& row : connection.Query("SELECT key, value FROM settings")) {
    const std::string key = row.Text(0);
    std::string value = row.Text(1);
    if (key == "store_name") settings.store_name = std::move(value);
    if (key == "default_currency") settings.default_currency = std::move(value);
    if (key == "default_language") settings.default_language = std::move(value);
    if (key == "timezone") settings.timezone = std::move(value);
    if (key == "registration_mode") settings.registration_mode = std::move(value);
    if (key == "price_visibility") settings.price_visibility = std::move(value);
    if (key == "alert_email" && !value.empty()) settings.alert_email = std::move(value);
    if (key == "whatsapp_api_base_url" && !value.empty()) {
      settings.whatsapp_api_base_url = std::move(value);
    }
    if (key == "whatsapp_phone_number_id") settings.whatsapp_phone_number_id = std::move(value);
    if (key == "whatsapp_access_token") settings.whatsapp_access_token = std::move(value);
    if (key == "whatsapp_app_secret") settings.whatsapp_app_secret = std::move(value);
    if (key == "whatsapp_verify_token") settings.whatsapp_verify_token = std::move(value);
    if (key == "default_country" && !value.empty()) settings.default_country = std::move(value);
    if (key == "notify_order_status") {
      // Stored as a JSON array of statuses.
      settings.notify_order_status.clear();
      const auto parsed = json::parse(value);
      for (const auto& item : parsed.as_array()) {
        settings.notify_order_status.emplace_back(item.as_string());
      }
    }
  }
  return settings;
}

std::optional<std::string> AlertRecipient(storage::Connection& connection) {
  if (auto email = Load(connection).alert_email) return email;
  const auto rows = connection.Query(
      "SELECT email FROM staff_users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

json::object ToJson(const Settings& s) {
  return {{"store_name", s.store_name},
          {"default_currency", s.default_currency},
          {"default_language", s.default_language},
          {"timezone", s.timezone},
          {"registration_mode", s.registration_mode},
          {"price_visibility", s.price_visibility},
          {"alert_email", s.alert_email ? json::value(*s.alert_email) : json::value(nullptr)},
          {"whatsapp_api_base_url", s.whatsapp_api_base_url},
          {"whatsapp_phone_number_id", s.whatsapp_phone_number_id.empty()
                                           ? json::value(nullptr)
                                           : json::value(s.whatsapp_phone_number_id)},
          {"whatsapp_configured", s.WhatsAppConfigured()},
          {"notify_order_status", json::value_from(s.notify_order_status)},
          {"default_country", s.default_country}};
}

Settings SettingsService::Get() {
  auto connection = database_.Acquire();
  return Load(*connection);
}

Result<Settings> SettingsService::Patch(const json::object& body) {
  http::FieldReader reader(body);
  std::vector<std::pair<std::string, std::string>> changes;
  const auto text = [&](std::string_view name, size_t max_length, auto&& valid,
                        std::string_view message) {
    const auto field = reader.String(name, {.max_length = max_length, .nullable = false});
    if (!field.value) return;
    if (!valid(*field.value)) {
      reader.AddError(std::string(name), "invalid", std::string(message));
      return;
    }
    changes.emplace_back(name, *field.value);
  };
  text(
      "store_name", 100, [](const std::string&) { return true; }, "");
  text(
      "default_currency", 3, [](const std::string& v) { return validation::IsCurrencyCode(v); },
      "An ISO 4217 code, e.g. EUR.");
  text(
      "default_language", 10, [](const std::string& v) { return v == "es" || v == "en"; },
      "One of: es, en.");
  text(
      "timezone", 64, [](const std::string& v) { return IsTimeZoneName(v); },
      "A time zone name such as Europe/Madrid.");
  if (const auto mode = reader.Enum("registration_mode", kRegistrationModes, false); mode.value) {
    changes.emplace_back("registration_mode", *mode.value);
  }
  if (const auto visibility = reader.Enum("price_visibility", kPriceVisibilities, false);
      visibility.value) {
    changes.emplace_back("price_visibility", *visibility.value);
  }
  if (const auto alert = reader.String("alert_email", {.max_length = 254}); alert.present) {
    if (alert.value && !validation::IsEmail(*alert.value)) {
      reader.AddError("alert_email", "invalid", "Not a valid email address.");
    } else {
      changes.emplace_back("alert_email", alert.value.value_or(""));
    }
  }
  text(
      "whatsapp_api_base_url", 300,
      [](const std::string& v) { return v.starts_with("https://") || v.starts_with("http://"); },
      "An http or https URL.");
  // Write-only values, and the phone number id: null or "" clears them.
  for (const std::string_view name : {"whatsapp_phone_number_id", "whatsapp_access_token",
                                      "whatsapp_app_secret", "whatsapp_verify_token"}) {
    if (const auto field = reader.String(name, {.max_length = 1000}); field.present) {
      changes.emplace_back(name, field.value.value_or(""));
    }
  }
  text(
      "default_country", 2,
      [](const std::string& v) {
        return v.size() == 2 && std::isupper(static_cast<unsigned char>(v[0])) &&
               std::isupper(static_cast<unsigned char>(v[1]));
      },
      "An ISO 3166-1 alpha-2 code in capitals, e.g. ES.");
  if (const auto statuses = reader.StringList("notify_order_status", 10, 20); statuses.value) {
    json::array list;
    for (const auto& status : *statuses.value) {
      if (std::find(orders::kStatuses.begin(), orders::kStatuses.end(), status) ==
          orders::kStatuses.end()) {
        reader.AddError("notify_order_status", "invalid_enum", "Not an order status: " + status);
      } else if (std::find(list.begin(), list.end(), json::value(status)) == list.end()) {
        list.emplace_back(status);
      }
    }
    changes.emplace_back("notify_order_status", json::serialize(list));
  }
  if (!reader.ok()) return ValidationError(reader.errors());
  return database_.InTransaction([&](storage::Connection& connection) -> Result<Settings> {
    for (const auto& [key, value] : changes) {
      connection.Execute(
          "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET "
          "value = excluded.value",
          {key, value});
    }
    return Load(connection);
  });
}

}  // namespace cartera::settings
