#include "contacts/contact.hpp"

#include "common/enum_names.hpp"

namespace cartera::contacts {
namespace {

namespace json = boost::json;

json::value OrNull(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

std::string_view Name(Role role) { return NameIn(kRoles, role); }
std::optional<Role> ParseRole(std::string_view name) { return ParseIn<Role>(kRoles, name); }

std::string_view Name(PortalAccess access) { return NameIn(kPortalAccesses, access); }
std::optional<PortalAccess> ParsePortalAccess(std::string_view name) {
  return ParseIn<PortalAccess>(kPortalAccesses, name);
}

std::string_view Name(Permission permission) { return NameIn(kPermissions, permission); }
std::optional<Permission> ParsePermission(std::string_view name) {
  return ParseIn<Permission>(kPermissions, name);
}

json::array Permissions::ToJson() const {
  json::array names;
  for (size_t i = 0; i < kPermissions.size(); ++i) {
    if (Has(static_cast<Permission>(i))) names.emplace_back(kPermissions[i]);
  }
  return names;
}

std::string Contact::FullName() const {
  return last_name ? first_name + " " + *last_name : first_name;
}

Permissions DefaultPermissions(std::optional<Role> role) {
  using enum Permission;
  if (!role) return {kViewPrices};
  switch (*role) {
    case Role::kPurchasing:
      return {kPlaceOrders, kRequestQuotes, kViewPrices, kViewShipments};
    case Role::kBilling:
      return {kViewPrices, kViewInvoices};
    case Role::kShipping:
      return {kViewShipments};
    case Role::kSupport:
      return {kViewPrices};
  }
  return {kViewPrices};
}

Error EmailTaken() {
  return WithMembers(
      MakeError(ErrorCode::kConflict, "email_taken", "Another contact signs in with this email."),
      {{"field", "email"}});
}

Error PurchasingContactExists() {
  return WithMembers(MakeError(ErrorCode::kConflict, "purchasing_contact_exists",
                               "This customer already has a purchasing contact."),
                     {{"field", "role"}});
}

json::object ToJson(const Contact& c) {
  json::value last_order = nullptr;
  if (c.last_order) {
    last_order = json::object{{"id", std::to_string(c.last_order->id)},
                              {"number", c.last_order->number},
                              {"placed_at", time::FormatRfc3339(c.last_order->placed_at)},
                              {"total_minor", c.last_order->total_minor},
                              {"currency", c.last_order->currency}};
  }
  return {{"id", std::to_string(c.id)},
          {"customer_id", std::to_string(c.customer_id)},
          {"first_name", c.first_name},
          {"last_name", OrNull(c.last_name)},
          {"email", c.email},
          {"phone", OrNull(c.phone)},
          {"whatsapp", OrNull(c.whatsapp)},
          {"country", OrNull(c.country)},
          {"department", OrNull(c.department)},
          {"role", c.role ? json::value(Name(*c.role)) : json::value(nullptr)},
          {"permissions", c.permissions.ToJson()},
          {"language", OrNull(c.language)},
          {"access", Name(c.access)},
          {"has_password", c.has_password},
          {"last_login_at", c.last_login_at ? json::value(time::FormatRfc3339(*c.last_login_at))
                                            : json::value(nullptr)},
          {"last_order", std::move(last_order)},
          {"created_at", time::FormatRfc3339(c.created_at)},
          {"updated_at", time::FormatRfc3339(c.updated_at)},
          {"version", c.version}};
}

json::array ToJson(const std::vector<Favorite>& favorites) {
  json::array items;
  for (const auto& favorite : favorites) {
    items.push_back({{"product_id", std::to_string(favorite.product_id)},
                     {"sku", favorite.sku},
                     {"name", favorite.name},
                     {"added_at", time::FormatRfc3339(favorite.added_at)}});
  }
  return items;
}

}  // namespace cartera::contacts
