#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "common/result.hpp"
#include "common/time.hpp"

// The people who buy for a customer (F10) and their portal accounts (F11).
namespace cartera::contacts {

// What a contact does for its customer; the API and the database spell it as in kRoles.
enum class Role { kPurchasing, kBilling, kShipping, kSupport };
inline constexpr std::array<std::string_view, 4> kRoles = {"purchasing", "billing", "shipping",
                                                           "support"};
std::string_view Name(Role role);
std::optional<Role> ParseRole(std::string_view name);

// Whether the contact may sign in to the portal: invited (no password yet), active or revoked.
enum class PortalAccess { kInvited, kActive, kRevoked };
inline constexpr std::array<std::string_view, 3> kPortalAccesses = {"invited", "active", "revoked"};
std::string_view Name(PortalAccess access);
std::optional<PortalAccess> ParsePortalAccess(std::string_view name);
// What staff may set with a PATCH: active or revoked (kPortalAccesses without invited).
inline constexpr std::span<const std::string_view> kAccessChanges =
    std::span<const std::string_view>(kPortalAccesses).subspan(1);

// What a contact may do in the portal.
enum class Permission { kPlaceOrders, kRequestQuotes, kViewPrices, kViewInvoices, kViewShipments };
inline constexpr std::array<std::string_view, 5> kPermissions = {
    "place_orders", "request_quotes", "view_prices", "view_invoices", "view_shipments"};
std::string_view Name(Permission permission);
std::optional<Permission> ParsePermission(std::string_view name);

// A set of permissions; listed (JSON, database) in the order of kPermissions, each once.
class Permissions {
 public:
  constexpr Permissions() = default;
  constexpr Permissions(std::initializer_list<Permission> permissions) {
    for (const Permission permission : permissions) Add(permission);
  }
  constexpr void Add(Permission permission) { bits_ |= Bit(permission); }
  constexpr bool Has(Permission permission) const { return (bits_ & Bit(permission)) != 0; }
  constexpr bool operator==(const Permissions&) const = default;
  // ["place_orders", …] in the order of kPermissions.
  boost::json::array ToJson() const;

 private:
  static constexpr unsigned Bit(Permission permission) {
    return 1U << static_cast<unsigned>(permission);
  }
  unsigned bits_ = 0;
};

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
  std::optional<std::string> phone, whatsapp, department;
  std::optional<Role> role;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2 for phones; null: the customer's
  Permissions permissions;
  std::optional<std::string> language;  // null: the customer's
  PortalAccess access = PortalAccess::kInvited;
  bool has_password = false;
  std::optional<time::Micros> last_login_at;
  std::optional<LastOrder> last_order;
  time::Micros created_at = 0, updated_at = 0;
  int64_t version = 1;

  bool Can(Permission permission) const { return permissions.Has(permission); }
  // "Ana García": first and last name.
  std::string FullName() const;
};

// What a request sets. On create first_name and email are present (the route checks); on update
// only what is present changes; an inner nullopt clears an optional field.
struct ContactInput {
  std::optional<std::string> first_name, email;
  std::optional<std::optional<std::string>> last_name, phone, whatsapp, department, language,
      country;
  std::optional<std::optional<Role>> role;
  std::optional<Permissions> permissions;
  std::optional<std::string> password;  // plain text, hashed by the service
  std::optional<PortalAccess> access;   // update only: active | revoked
};

// A product a contact marked (F22).
struct Favorite {
  int64_t product_id = 0;
  std::string sku, name;
  time::Micros added_at = 0;
};

// The permissions a contact gets from its role when none are given (docs/contacts-and-portal.md).
Permissions DefaultPermissions(std::optional<Role> role);

// kConflict `email_taken`: another contact signs in with this email.
Error EmailTaken();
// kConflict `purchasing_contact_exists`: the customer has its one purchasing contact.
Error PurchasingContactExists();

// The contact as the API shows it (staff and portal).
boost::json::object ToJson(const Contact& contact);
// Favourites as the API lists them.
boost::json::array ToJson(const std::vector<Favorite>& favorites);

}  // namespace cartera::contacts
