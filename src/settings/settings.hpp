#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "common/result.hpp"
#include "storage/database.hpp"

// The store's settings (F13 and the defaults of new customers), one row per key in `settings`.
namespace cartera::settings {

inline constexpr std::array<std::string_view, 2> kRegistrationModes = {"direct", "validation"};
inline constexpr std::array<std::string_view, 3> kPriceVisibilities = {"everyone", "signed_in",
                                                                       "nobody"};

struct Settings {
  std::string store_name = "Cartera";
  std::string default_currency = "EUR";
  std::string default_language = "es";
  std::string timezone = "Europe/Madrid";
  std::string registration_mode = "validation";
  std::string price_visibility = "signed_in";
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

// Reads every setting on the caller's connection (defaults for missing keys).
Settings Load(storage::Connection& connection);
// Where registration alerts go: the alert email, else the first active owner's.
std::optional<std::string> AlertRecipient(storage::Connection& connection);

boost::json::object ToJson(const Settings& settings);

class SettingsService {
 public:
  explicit SettingsService(storage::Database& database) : database_(database) {}
  Settings Get();
  // Applies the fields present in `body`. Errors: kValidation naming each bad field.
  Result<Settings> Patch(const boost::json::object& body);

 private:
  storage::Database& database_;
};

}  // namespace cartera::settings
