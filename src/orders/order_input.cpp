#include "orders/order_input.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/validation.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "orders/order_json.hpp"

namespace cartera::orders {

namespace json = boost::json;
using http::Request;
using http::Response;

namespace {
constexpr size_t kMaxIdempotencyKey = 200;
}  // namespace

Response OrderResponse(unsigned status, const Order& order) {
  Response response = http::JsonResponse(status, ToJson(order));
  return std::move(http::WithEtag(response, order.version));
}

Response PlacedResponse(const Placed& placed) {
  Response response = OrderResponse(201, placed.order);
  if (placed.replayed) response.SetHeader("Idempotent-Replayed", "true");
  return response;
}

std::vector<LineInput> ReadLines(const json::object& body, http::FieldReader& reader) {
  std::vector<LineInput> lines;
  const json::value* value = body.if_contains("lines");
  if (!value) {
    reader.AddError("lines", "required", "At least one line.");
    return lines;
  }
  if (!value->is_array()) {
    reader.AddError("lines", "invalid_type", "Must be a list of {product_id, quantity}.");
    return lines;
  }
  const auto& array = value->as_array();
  if (array.empty()) reader.AddError("lines", "required", "At least one line.");
  if (array.size() > kMaxLines) {
    reader.AddError("lines", "too_many", "At most 500 lines.");
    return lines;
  }
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string at = "lines[" + std::to_string(i) + "]";
    const json::object* item = array[i].if_object();
    const json::value* product = item ? item->if_contains("product_id") : nullptr;
    const json::value* quantity = item ? item->if_contains("quantity") : nullptr;
    const auto product_id =
        product && product->is_string() ? ParseId(product->as_string()) : std::nullopt;
    if (!product_id) {
      reader.AddError(at + ".product_id", "invalid", "Must be a product id.");
      continue;
    }
    if (!quantity || !quantity->is_int64()) {
      reader.AddError(at + ".quantity", "invalid_type", "A whole number from 1 to 1,000,000.");
      continue;
    }
    lines.push_back(LineInput{*product_id, quantity->as_int64()});
  }
  return lines;
}

void ReadBuyer(const json::object& body, http::FieldReader& reader, bool required,
               PlaceRequest& request) {
  const json::value* value = body.if_contains("buyer");
  if (!value || value->is_null()) {
    if (required) reader.AddError("buyer.name", "required", "Write your name.");
    return;
  }
  if (!value->is_object()) {
    reader.AddError("buyer", "invalid_type", "Must be {name, email}.");
    return;
  }
  http::FieldReader inner(value->as_object());
  const auto name = inner.String("name", {.max_length = 200, .required = true});
  const auto email = inner.String("email", {.max_length = 254});
  if (email.value && !validation::IsEmail(*email.value)) {
    inner.AddError("email", "invalid", "Not an email address.");
  }
  for (const auto& error : inner.errors()) {
    reader.AddError("buyer." + error.field, error.code, error.message);
  }
  request.buyer_name = name.value;
  request.buyer_email = email.value;
}

Status ReadIdempotencyKey(const Request& request, std::string scope, PlaceRequest& place) {
  const auto key = request.Header("idempotency-key");
  if (!key) return Ok{};
  if (key->empty() || key->size() > kMaxIdempotencyKey ||
      std::any_of(key->begin(), key->end(), [](char c) { return c < 0x21 || c > 0x7E; })) {
    return ValidationError(
        {{"Idempotency-Key", "invalid", "1 to 200 visible ASCII characters, e.g. a UUID."}});
  }
  place.idempotency_scope = std::move(scope);
  place.idempotency_key = std::string(*key);
  place.request_hash = crypto::Sha256Hex(request.body);
  return Ok{};
}

}  // namespace cartera::orders
