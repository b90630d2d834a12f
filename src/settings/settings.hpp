#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "common/result.hpp"
#include "settings/settings_repository.hpp"
#include "storage/database.hpp"

// The store's settings (F13 and the defaults of new customers), one row per key in `settings`.
namespace cartera::settings {

// How a contact's registration on the portal takes effect.
enum class RegistrationMode { kDirect, kValidation };
// The names, in RegistrationMode's order (the JSON and stored values).
inline constexpr std::array<std::string_view, 2> kRegistrationModes = {"direct", "validation"};
std::string_view RegistrationModeName(RegistrationMode mode);
std::optional<RegistrationMode> ParseRegistrationMode(std::string_view name);

// Who sees prices on the portal.
enum class PriceVisibility { kEveryone, kSignedIn, kNobody };
// The names, in PriceVisibility's order (the JSON and stored values).
inline constexpr std::array<std::string_view, 3> kPriceVisibilities = {"everyone", "signed_in",
                                                                       "nobody"};
std::string_view PriceVisibilityName(PriceVisibility visibility);
std::optional<PriceVisibility> ParsePriceVisibility(std::string_view name);

// Every setting, with its default: the one place the defaults are written.
struct Settings {
  std::string store_name = "Cartera";
  std::string default_currency = "EUR";
  std::string default_language = "es";
  std::string timezone = "Europe/Madrid";
  RegistrationMode registration_mode = RegistrationMode::kValidation;
  PriceVisibility price_visibility = PriceVisibility::kSignedIn;
  std::optional<std::string> alert_email;  // null: the owner's email
  // Messaging (docs/messaging.md). The three secrets are write-only: never in ToJson.
  std::string whatsapp_api_base_url = "https://graph.facebook.com/v21.0";
  std::string whatsapp_phone_number_id;
  std::string whatsapp_access_token, whatsapp_app_secret, whatsapp_verify_token;
  std::vector<std::string> notify_order_status = {"confirmed", "shipped", "delivered"};
  std::string default_country = "ES";

  // The phone number id and the access token are set.
  bool WhatsAppConfigured() const {
    return !whatsapp_phone_number_id.empty() && !whatsapp_access_token.empty();
  }
};

// The settings a PATCH changes: each present field is written.
struct SettingsPatch {
  std::optional<std::string> store_name, default_currency, default_language, timezone;
  std::optional<RegistrationMode> registration_mode;
  std::optional<PriceVisibility> price_visibility;
  std::optional<std::optional<std::string>> alert_email;  // a value, or null (the owner's)
  std::optional<std::string> whatsapp_api_base_url;
  // "" clears them.
  std::optional<std::string> whatsapp_phone_number_id, whatsapp_access_token, whatsapp_app_secret,
      whatsapp_verify_token;
  std::optional<std::string> default_country;
  std::optional<std::vector<std::string>> notify_order_status;  // order statuses, no repeats
};

// Reads every setting on the caller's connection (defaults for missing keys): the one reader
// of the settings table.
Settings Load(storage::Connection& connection);
// Where registration alerts go: the alert email, else the first active owner's.
std::optional<std::string> AlertRecipient(storage::Connection& connection);
// The store's name as messages show it (the From display name): the default when blank.
std::string StoreDisplayName(const Settings& settings);

boost::json::object ToJson(const Settings& settings);

class SettingsService {
 public:
  explicit SettingsService(storage::Database& database) : database_(database) {}
  Settings Get();
  // Writes the fields present in `patch` in one transaction and returns every setting.
  Result<Settings> Patch(const SettingsPatch& patch);

 private:
  storage::Database& database_;
  SettingsRepository repository_;
};

}  // namespace cartera::settings
