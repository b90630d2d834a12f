#include "contacts/contact.hpp"

#include <algorithm>

#include <boost/json/array.hpp>

namespace cartera::contacts {
namespace {

namespace json = boost::json;

json::value OrNull(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

bool Contact::Can(std::string_view permission) const {
  return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

std::string Contact::FullName() const {
  return last_name ? first_name + " " + *last_name : first_name;
}

std::vector<std::string> DefaultPermissions(const std::optional<std::string>& role) {
  if (role == "purchasing") {
    return {"place_orders", "request_quotes", "view_prices", "view_shipments"};
  }
  if (role == "billing") return {"view_prices", "view_invoices"};
  if (role == "shipping") return {"view_shipments"};
  return {"view_prices"};  // support, or no role
}

json::object ToJson(const Contact& c) {
  json::array permissions;
  for (const auto& permission : c.permissions) permissions.emplace_back(permission);
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
          {"role", OrNull(c.role)},
          {"permissions", std::move(permissions)},
          {"language", OrNull(c.language)},
          {"access", c.access},
          {"has_password", c.has_password},
          {"last_login_at", c.last_login_at ? json::value(time::FormatRfc3339(*c.last_login_at))
                                            : json::value(nullptr)},
          {"last_order", std::move(last_order)},
          {"created_at", time::FormatRfc3339(c.created_at)},
          {"updated_at", time::FormatRfc3339(c.updated_at)},
          {"version", c.version}};
}

}  // namespace cartera::contacts
