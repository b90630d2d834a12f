#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "common/time.hpp"

// The people who buy for a customer (F10) and their portal accounts (F11).
namespace cartera::contacts {

inline constexpr std::array<std::string_view, 4> kRoles = {"purchasing", "billing", "shipping",
                                                           "support"};
inline constexpr std::array<std::string_view, 5> kPermissions = {
    "place_orders", "request_quotes", "view_prices", "view_invoices", "view_shipments"};
inline constexpr std::array<std::string_view, 2> kAccessChanges = {"active", "revoked"};
inline constexpr size_t kMaxNameLength = 100;
inline constexpr size_t kMaxEmailLength = 254;
inline constexpr size_t kMaxPhoneLength = 40;
inline constexpr size_t kMaxDepartmentLength = 100;
inline constexpr int64_t kMaxPerCustomer = 500;
inline constexpr int64_t kInvitationLifetimeMicros = int64_t{72} * 3600 * 1000000;
inline constexpr int64_t kPasswordResetLifetimeMicros = int64_t{3600} * 1000000;

// The last order a contact placed, as lists show it.
struct LastOrder {
  int64_t id = 0;
  std::string number;
  time::Micros placed_at = 0;
  int64_t total_minor = 0;
  std::string currency;
};

struct Contact {
  int64_t id = 0;
  int64_t customer_id = 0;
  std::string first_name;
  std::optional<std::string> last_name;
  std::string email;
  std::optional<std::string> phone, whatsapp, department, role;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2 for phones; null: the customer's
  std::vector<std::string> permissions;
  std::optional<std::string> language;  // null: the customer's
  std::string access;                   // invited | active | revoked
  bool has_password = false;
  std::optional<time::Micros> last_login_at;
  std::optional<LastOrder> last_order;
  time::Micros created_at = 0, updated_at = 0;
  int64_t version = 1;

  bool Can(std::string_view permission) const;
  // "Ana García": first and last name.
  std::string FullName() const;
};

// What a request sets. On create first_name and email are present (the route checks); on update
// only what is present changes; an inner nullopt clears an optional field.
struct ContactInput {
  std::optional<std::string> first_name, email;
  std::optional<std::optional<std::string>> last_name, phone, whatsapp, department, role, language,
      country;
  std::optional<std::vector<std::string>> permissions;
  std::optional<std::string> password;  // plain text, hashed by the service
  std::optional<std::string> access;    // update only: active | revoked
};

// The permissions a contact gets from its role when none are given (docs/contacts-and-portal.md).
std::vector<std::string> DefaultPermissions(const std::optional<std::string>& role);

// The contact as the API shows it (staff and portal).
boost::json::object ToJson(const Contact& contact);

}  // namespace cartera::contacts
