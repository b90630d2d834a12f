#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>

#include "http/json_input.hpp"
#include "orders/order.hpp"
#include "orders/order_service.hpp"

namespace cartera::orders {

boost::json::object ToJson(const Order& order);
boost::json::value ToJson(const std::optional<Address>& address);
boost::json::object ToJson(const Event& event);
// A customer's credit as `GET /customers/{id}/credit` shows it (and the portal, F24).
boost::json::object ToJson(const Credit& credit);
// A stored address (written by ToJson); nullopt for null or unreadable text.
std::optional<Address> AddressFromText(const std::string& text);
// Reads `field` (an address object or null) from a request body: absent → nullopt; errors go to
// `reader` as `field.line1` etc.
std::optional<std::optional<Address>> ReadAddress(const boost::json::object& body,
                                                  std::string_view field,
                                                  http::FieldReader& reader);

}  // namespace cartera::orders
