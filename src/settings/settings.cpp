#include "settings/settings.hpp"

#include <boost/json.hpp>

#include "common/text.hpp"
#include "staff/staff_repository.hpp"

namespace cartera::settings {
namespace {

namespace json = boost::json;

template <typename Enum, size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view RegistrationModeName(RegistrationMode mode) {
  return kRegistrationModes[static_cast<size_t>(mode)];
}

std::optional<RegistrationMode> ParseRegistrationMode(std::string_view name) {
  return ParseName<RegistrationMode>(kRegistrationModes, name);
}

std::string_view PriceVisibilityName(PriceVisibility visibility) {
  return kPriceVisibilities[static_cast<size_t>(visibility)];
}

std::optional<PriceVisibility> ParsePriceVisibility(std::string_view name) {
  return ParseName<PriceVisibility>(kPriceVisibilities, name);
}

Settings Load(storage::Connection& connection) {
  Settings settings;
  for (auto& [key, value] : SettingsRepository().All(connection)) {
    if (key == "store_name") settings.store_name = std::move(value);
    if (key == "default_currency") settings.default_currency = std::move(value);
    if (key == "default_language") settings.default_language = std::move(value);
    if (key == "timezone") settings.timezone = std::move(value);
    if (key == "registration_mode") {
      settings.registration_mode =
          ParseRegistrationMode(value).value_or(settings.registration_mode);
    }
    if (key == "price_visibility") {
      settings.price_visibility = ParsePriceVisibility(value).value_or(settings.price_visibility);
    }
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
  return staff::StaffRepository().FirstActiveOwnerEmail(connection);
}

std::string StoreDisplayName(const Settings& settings) {
  const std::string_view name = text::Trim(settings.store_name);
  return name.empty() ? Settings{}.store_name : std::string(name);
}

json::object ToJson(const Settings& s) {
  return {{"store_name", s.store_name},
          {"default_currency", s.default_currency},
          {"default_language", s.default_language},
          {"timezone", s.timezone},
          {"registration_mode", RegistrationModeName(s.registration_mode)},
          {"price_visibility", PriceVisibilityName(s.price_visibility)},
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

Result<Settings> SettingsService::Patch(const SettingsPatch& patch) {
  std::vector<std::pair<std::string, std::string>> changes;
  const auto put = [&changes](std::string_view key, const std::optional<std::string>& value) {
    if (value) changes.emplace_back(key, *value);
  };
  put("store_name", patch.store_name);
  put("default_currency", patch.default_currency);
  put("default_language", patch.default_language);
  put("timezone", patch.timezone);
  if (patch.registration_mode) {
    changes.emplace_back("registration_mode", RegistrationModeName(*patch.registration_mode));
  }
  if (patch.price_visibility) {
    changes.emplace_back("price_visibility", PriceVisibilityName(*patch.price_visibility));
  }
  if (patch.alert_email) changes.emplace_back("alert_email", patch.alert_email->value_or(""));
  put("whatsapp_api_base_url", patch.whatsapp_api_base_url);
  put("whatsapp_phone_number_id", patch.whatsapp_phone_number_id);
  put("whatsapp_access_token", patch.whatsapp_access_token);
  put("whatsapp_app_secret", patch.whatsapp_app_secret);
  put("whatsapp_verify_token", patch.whatsapp_verify_token);
  put("default_country", patch.default_country);
  if (patch.notify_order_status) {
    changes.emplace_back("notify_order_status",
                         json::serialize(json::value_from(*patch.notify_order_status)));
  }
  return database_.InTransaction([&](storage::Connection& connection) -> Result<Settings> {
    for (const auto& [key, value] : changes) repository_.Put(connection, key, value);
    return Load(connection);
  });
}

}  // namespace cartera::settings
