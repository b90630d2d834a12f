#include "orders/order_json.hpp"

#include <boost/json/parse.hpp>

#include "common/validation.hpp"
#include "http/json_output.hpp"

namespace cartera::orders {
namespace {

namespace json = boost::json;

json::value OptionalText(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::value OptionalId(const std::optional<int64_t>& id) {
  return id ? json::value(std::to_string(*id)) : json::value(nullptr);
}

}  // namespace

json::value ToJson(const std::optional<Address>& address) {
  if (!address) return nullptr;
  return json::object{{"line1", address->line1},
                      {"line2", OptionalText(address->line2)},
                      {"city", address->city},
                      {"region", OptionalText(address->region)},
                      {"postal_code", OptionalText(address->postal_code)},
                      {"country", address->country}};
}

std::optional<Address> AddressFromText(const std::string& text) {
  boost::system::error_code error;
  const json::value value = json::parse(text, error);
  const json::object* object = error ? nullptr : value.if_object();
  if (!object) return std::nullopt;
  const auto text_of = [object](std::string_view name) -> std::optional<std::string> {
    const json::value* field = object->if_contains(name);
    if (!field || !field->is_string()) return std::nullopt;
    return std::string(field->as_string());
  };
  return Address{text_of("line1").value_or(""), text_of("line2"),
                 text_of("city").value_or(""),  text_of("region"),
                 text_of("postal_code"),        text_of("country").value_or("")};
}

std::optional<std::optional<Address>> ReadAddress(const json::object& body, std::string_view field,
                                                  http::FieldReader& reader) {
  const json::value* value = body.if_contains(field);
  if (!value) return std::nullopt;
  if (value->is_null()) return std::optional<Address>{};
  if (!value->is_object()) {
    reader.AddError(std::string(field), "invalid_type", "Must be an address object or null.");
    return std::nullopt;
  }
  http::FieldReader inner(value->as_object());
  Address address;
  const auto line1 = inner.String("line1", {.max_length = 200, .required = true});
  const auto line2 = inner.String("line2", {.max_length = 200});
  const auto city = inner.String("city", {.max_length = 100, .required = true});
  const auto region = inner.String("region", {.max_length = 100});
  const auto postal_code = inner.String("postal_code", {.max_length = 20});
  const auto country = inner.String("country", {.max_length = 2, .required = true});
  if (country.value && !validation::IsCountryCode(*country.value)) {
    inner.AddError("country", "invalid", "An ISO 3166-1 alpha-2 code, e.g. ES or MX.");
  }
  for (const auto& error : inner.errors()) {
    reader.AddError(std::string(field) + "." + error.field, error.code, error.message);
  }
  if (!inner.ok()) return std::nullopt;
  address.line1 = line1.value.value_or("");
  address.line2 = line2.value;
  address.city = city.value.value_or("");
  address.region = region.value;
  address.postal_code = postal_code.value;
  address.country = country.value.value_or("");
  return std::optional<Address>{std::move(address)};
}

json::object ToJson(const Order& order) {
  json::array lines;
  for (const auto& line : order.lines) {
    lines.push_back({{"product_id", std::to_string(line.product_id)},
                     {"sku", line.sku},
                     {"name", line.name},
                     {"quantity", line.quantity},
                     {"base_unit_price_minor", line.base_unit_price_minor},
                     {"unit_price_minor", line.unit_price_minor},
                     {"line_total_minor", line.line_total_minor}});
  }
  json::value buyer = nullptr;
  if (order.buyer_name) {
    buyer = json::object{{"name", *order.buyer_name}, {"email", OptionalText(order.buyer_email)}};
  }
  return {{"id", std::to_string(order.id)},
          {"number", order.number},
          {"kind", order.kind},
          {"customer_id", std::to_string(order.customer_id)},
          {"customer_name", order.customer_name},
          {"contact_id", OptionalId(order.contact_id)},
          {"buyer", std::move(buyer)},
          {"source", order.source},
          {"status", order.status},
          {"approval_status", order.approval_status},
          {"currency", order.currency},
          {"discount_percent", http::PercentJson(order.discount_hundredths)},
          {"lines", std::move(lines)},
          {"subtotal_minor", order.subtotal_minor},
          {"total_minor", order.total_minor},
          {"warehouse_id", OptionalId(order.warehouse_id)},
          {"shipping_address", ToJson(order.shipping_address)},
          {"note", OptionalText(order.note)},
          {"payment_status", order.payment_status},
          {"due_date", OptionalText(order.due_date)},
          {"placed_at", time::FormatRfc3339(order.placed_at)},
          {"quote_id", OptionalId(order.quote_id)},
          {"converted_order_id", OptionalId(order.converted_order_id)},
          {"quick_link_id", OptionalId(order.quick_link_id)},
          {"created_by", OptionalId(order.created_by)},
          {"updated_at", time::FormatRfc3339(order.updated_at)},
          {"version", order.version}};
}

json::object ToJson(const Event& event) {
  boost::system::error_code error;
  json::value data = json::parse(event.data, error);
  if (error || !data.is_object()) data = json::object{};
  return {{"id", std::to_string(event.id)},
          {"type", event.type},
          {"at", time::FormatRfc3339(event.at)},
          {"actor",
           {{"kind", event.actor.kind},
            {"id", OptionalId(event.actor.id)},
            {"name", OptionalText(event.actor.name)}}},
          {"data", std::move(data)}};
}

json::object ToJson(const Credit& c) {
  return {
      {"currency", c.currency},
      {"credit_limit_minor", c.credit_limit_minor ? json::value(*c.credit_limit_minor) : nullptr},
      {"unpaid_minor", c.unpaid_minor},
      {"overdue_minor", c.overdue_minor},
      {"not_yet_due_minor", c.not_yet_due_minor},
      {"available_minor",
       c.credit_limit_minor ? json::value(*c.credit_limit_minor - c.unpaid_minor) : nullptr},
      {"held_orders", c.held_orders}};
}

}  // namespace cartera::orders
