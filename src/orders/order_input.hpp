#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "common/result.hpp"
#include "http/json_input.hpp"
#include "http/request.hpp"
#include "orders/order_service.hpp"

// What every route that places or shows orders reads and answers the same way: staff orders,
// quick-order links and the portal.
namespace cartera::orders {

// The order with its ETag.
http::Response OrderResponse(unsigned status, const Order& order);
// 201 with the order; `Idempotent-Replayed: true` for a repeat.
http::Response PlacedResponse(const Placed& placed);

// Reads `lines` ([{product_id, quantity}], 1-500). Range rules are the service's.
std::vector<LineInput> ReadLines(const boost::json::object& body, http::FieldReader& reader);
// Reads `buyer` ({name, email} or null). Required (non-null, with a name) when `required`.
void ReadBuyer(const boost::json::object& body, http::FieldReader& reader, bool required,
               PlaceRequest& request);
// The Idempotency-Key header, if any, scoped by `scope`. Errors: kValidation naming it.
Status ReadIdempotencyKey(const http::Request& request, std::string scope, PlaceRequest& place);

}  // namespace cartera::orders
