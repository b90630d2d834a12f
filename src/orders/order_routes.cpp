#include "orders/order_routes.hpp"

#include <boost/json/serialize.hpp>

#include <map>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "common/validation.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "orders/customer_catalog.hpp"
#include "orders/order_input.hpp"
#include "orders/order_json.hpp"

namespace cartera::orders {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

constexpr time::Micros kRateWindow = int64_t{60} * 1'000'000;

json::value Id(const std::optional<int64_t>& id) {
  return id ? json::value(std::to_string(*id)) : json::value(nullptr);
}

json::value Time(const std::optional<time::Micros>& at) {
  return at ? json::value(time::FormatRfc3339(*at)) : json::value(nullptr);
}

json::object ToJson(const Offer& offer) {
  return {{"id", std::to_string(offer.id)},
          {"sku", offer.sku},
          {"name", offer.name},
          {"product_type_id", Id(offer.product_type_id)},
          {"base_price_minor", offer.base_price_minor.value_or(0)},
          {"price_minor", offer.price_minor},
          {"available", offer.available}};
}

json::object ToJson(const QuickLink& link) {
  return {{"id", std::to_string(link.id)},
          {"customer_id", std::to_string(link.customer_id)},
          {"created_at", time::FormatRfc3339(link.created_at)},
          {"created_by", Id(link.created_by)},
          {"expires_at", Time(link.expires_at)},
          {"revoked_at", Time(link.revoked_at)},
          {"last_used_at", Time(link.last_used_at)},
          {"orders_count", link.orders_count},
          {"state", link.State(time::Now())}};
}

Response NewLinkResponse(const Request& request, const NewQuickLink& created,
                         const OrderSettings& settings) {
  json::object body = ToJson(created.link);
  std::string base = settings.public_url;
  if (base.empty()) base = "http://" + std::string(request.Header("host").value_or("127.0.0.1"));
  while (!base.empty() && base.back() == '/') base.pop_back();
  body["url"] = base + "/q/" + created.token;
  body["token"] = created.token;
  return http::JsonResponse(201, body).SetHeader("Cache-Control", "no-store");
}

// The catalogue page of a customer (QuickCatalog), for its links and for staff entering orders.
Response CatalogResponse(const Request& request, storage::Database& database,
                         customers::CustomerRepository& customers,
                         const customers::Customer& customer,
                         std::optional<time::Micros> expires_at) {
  CatalogQuery query;
  std::vector<FieldError> errors;
  if (auto q = request.QueryValue("q"); q && !q->empty()) {
    if (q->size() > 200) errors.push_back({"q", "too_long", "At most 200 characters."});
    query.q = std::string(*q);
  }
  http::ReadPaging(request, 100, query.limit, query.cursor, errors);
  if (!errors.empty()) return http::ProblemResponse(ValidationError(std::move(errors)));
  auto connection = database.Acquire();
  auto page = CustomerCatalog::List(*connection, customer, query);
  if (!page.ok()) return http::ProblemResponse(page.error());
  json::array products;
  for (const auto& offer : page->items) products.push_back(ToJson(offer));
  return http::JsonResponse(
      200, {{"store", {{"name", customers.Setting(*connection, "store_name").value_or("")}}},
            {"customer", {{"name", customer.name}}},
            {"currency", customer.currency},
            {"language", customer.language},
            {"discount_percent", http::PercentJson(customer.discount_hundredths)},
            {"expires_at", Time(expires_at)},
            {"products", std::move(products)},
            {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
}

Response Place(OrderService& orders, const PlaceRequest& place) {
  auto placed = orders.Place(place);
  if (!placed.ok()) return http::ProblemResponse(placed.error());
  return PlacedResponse(*placed);
}

void RegisterStaffRoutes(http::Router& router, storage::Database& database, OrderService& orders,
                         customers::CustomerRepository& customers) {
  router.Add("GET", "/api/v1/orders", Access::kStaffRead, [&orders](Request& request) {
    OrderQuery query;
    std::vector<FieldError> errors;
    http::ReadQueryId(request, "customer_id", query.customer_id, errors);
    http::ReadQueryId(request, "contact_id", query.contact_id, errors);
    http::ReadQueryEnum(request, "status", kStatuses, query.status, errors);
    http::ReadQueryEnum(request, "kind", kKinds, query.kind, errors);
    http::ReadQueryEnum(request, "source", kSources, query.source, errors);
    http::ReadQueryEnum(request, "payment_status", kPaymentStatuses, query.payment_status, errors);
    http::ReadQueryEnum(request, "approval_status", kApprovalStatuses, query.approval_status,
                        errors);
    if (auto q = request.QueryValue("q"); q && !q->empty()) {
      if (q->size() > 40) errors.push_back({"q", "too_long", "An order number."});
      query.number = std::string(*q);
    }
    http::ReadPaging(request, 50, query.limit, query.cursor, errors);
    const auto include_total = request.QueryValue("include_total");
    query.include_total = include_total == "true" || include_total == "1";
    if (!errors.empty()) return http::ProblemResponse(ValidationError(std::move(errors)));
    auto page = orders.List(query);
    if (!page.ok()) return http::ProblemResponse(page.error());
    json::array items;
    for (const auto& order : page->items) items.push_back(ToJson(order));
    json::object body = {
        {"items", std::move(items)},
        {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}};
    if (page->total) body["total"] = *page->total;
    return http::JsonResponse(200, body);
  });

  router.Add("POST", "/api/v1/orders", Access::kStaffWrite, [&orders](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    PlaceRequest place;
    if (auto key =
            ReadIdempotencyKey(request, "staff:" + std::to_string(request.principal.id), place);
        !key.ok()) {
      return http::ProblemResponse(key.error());
    }
    http::FieldReader reader(*body);
    const auto kind = reader.Enum("kind", kKinds, false);
    place.kind = kind.value.value_or("order");
    const auto customer_id = reader.String("customer_id", {.max_length = 40, .required = true});
    if (customer_id.value) {
      if (auto id = ParseId(*customer_id.value)) {
        place.customer_id = *id;
      } else {
        reader.AddError("customer_id", "invalid", "Must be a customer id.");
      }
    }
    if (const auto contact = reader.String("contact_id", {.max_length = 40}); contact.value) {
      place.contact_id = ParseId(*contact.value).value_or(0);
    }
    if (const auto warehouse = reader.String("warehouse_id", {.max_length = 40}); warehouse.value) {
      place.warehouse_id = ParseId(*warehouse.value);
      if (!place.warehouse_id)
        reader.AddError("warehouse_id", "invalid", "Must be a warehouse id.");
    }
    ReadBuyer(*body, reader, false, place);
    place.lines = ReadLines(*body, reader);
    if (auto address = ReadAddress(*body, "shipping_address", reader)) {
      place.shipping_address = *address;
    }
    if (const auto pick = reader.String("shipping_address_id", {.max_length = 40}); pick.value) {
      place.shipping_address_id = ParseId(*pick.value).value_or(0);
      if (place.shipping_address) {
        reader.AddError("shipping_address_id", "invalid",
                        "Give shipping_address or shipping_address_id, not both.");
      }
    }
    place.note = reader.String("note", {.max_length = kMaxNoteLength}).value;
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    place.source = "admin";
    place.created_by = request.principal.id;
    place.actor = history::ActorOf(request.principal);
    auto placed = orders.Place(place);
    if (!placed.ok() && placed.error().code == ErrorCode::kNotFound) {
      return http::ProblemResponse(
          ValidationError({{"customer_id", "not_found", "No customer has this id."}}));
    }
    if (!placed.ok()) return http::ProblemResponse(placed.error());
    return PlacedResponse(*placed);
  });

  router.Add("GET", "/api/v1/orders/{id}", Access::kStaffRead, [&orders](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    const auto order = id ? orders.Find(*id) : std::nullopt;
    if (!order) return http::ProblemResponse(NotFound("order"));
    return OrderResponse(200, *order);
  });

  router.Add("PATCH", "/api/v1/orders/{id}", Access::kStaffWrite, [&orders](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    const auto current = id ? orders.Find(*id) : std::nullopt;
    if (!current) return http::ProblemResponse(NotFound("order"));
    if (auto fresh = CheckVersion(http::ExpectedVersion(request, std::nullopt), current->version);
        !fresh.ok()) {
      return http::ProblemResponse(fresh.error());
    }
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    OrderPatch patch;
    patch.payment_status = reader.Enum("payment_status", kPaymentStatuses, false).value;
    if (const auto due = reader.String("due_date", {.max_length = 10}); due.present) {
      if (due.value && !time::ParseDate(*due.value)) {
        reader.AddError("due_date", "invalid", "A date as YYYY-MM-DD.");
      }
      patch.due_date = due.value;
    }
    if (const auto note = reader.String("note", {.max_length = kMaxNoteLength}); note.present) {
      patch.note = note.value;
    }
    patch.shipping_address = ReadAddress(*body, "shipping_address", reader);
    const auto version = reader.Integer("version", 1, INT64_MAX, true);
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    const auto expected = http::ExpectedVersion(request, version.value);
    auto updated = orders.Update(*id, patch, expected, history::ActorOf(request.principal));
    if (!updated.ok()) return http::ProblemResponse(updated.error());
    return OrderResponse(200, *updated);
  });

  router.Add(
      "POST", "/api/v1/orders/{id}/transitions", Access::kStaffWrite, [&orders](Request& request) {
        const auto id = ParseId(request.PathParam("id"));
        if (!id || !orders.Find(*id)) return http::ProblemResponse(NotFound("order"));
        auto body = http::ParseJsonObject(request.body);
        if (!body.ok()) return http::ProblemResponse(body.error());
        http::FieldReader reader(*body);
        const auto to = reader.Enum("to", kStatuses, false, true);
        if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
        auto moved = orders.Transition(*id, *to.value, http::ExpectedVersion(request, std::nullopt),
                                       history::ActorOf(request.principal));
        if (!moved.ok()) return http::ProblemResponse(moved.error());
        return OrderResponse(200, *moved);
      });

  router.Add("POST", "/api/v1/orders/{id}/approve", Access::kStaffAdmin,
             [&orders](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("order"));
               auto approved = orders.Approve(*id, history::ActorOf(request.principal));
               if (!approved.ok()) return http::ProblemResponse(approved.error());
               return OrderResponse(200, *approved);
             });

  router.Add("POST", "/api/v1/orders/{id}/convert", Access::kStaffWrite,
             [&orders](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("order"));
               auto order = orders.Convert(*id, history::ActorOf(request.principal));
               if (!order.ok()) return http::ProblemResponse(order.error());
               return OrderResponse(201, *order);
             });

  router.Add("GET", "/api/v1/orders/{id}/events", Access::kStaffRead, [&orders](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id || !orders.Find(*id)) return http::ProblemResponse(NotFound("order"));
    json::array items;
    for (const auto& event : orders.Events(*id)) items.push_back(ToJson(event));
    return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
  });

  router.Add("GET", "/api/v1/customers/{id}/credit", Access::kStaffRead,
             [&orders](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("customer"));
               auto credit = orders.CreditOf(*id);
               if (!credit.ok()) return http::ProblemResponse(credit.error());
               return http::JsonResponse(200, ToJson(*credit));
             });

  router.Add("GET", "/api/v1/customers/{id}/catalog", Access::kStaffRead,
             [&database, &customers](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               std::optional<customers::Customer> customer;
               if (id) {
                 auto connection = database.Acquire();
                 customer = customers.FindById(*connection, *id);
               }
               if (!customer) return http::ProblemResponse(NotFound("customer"));
               return CatalogResponse(request, database, customers, *customer, std::nullopt);
             });
}

void RegisterQuickLinkRoutes(http::Router& router, storage::Database& database,
                             OrderService& orders, QuickLinkService& links,
                             customers::CustomerRepository& customers,
                             const OrderSettings& settings) {
  router.Add("POST", "/api/v1/customers/{id}/quick-links", Access::kStaffWrite,
             [&links, settings](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("customer"));
               std::optional<time::Micros> expires_at;
               if (!request.body.empty()) {
                 auto body = http::ParseJsonObject(request.body);
                 if (!body.ok()) return http::ProblemResponse(body.error());
                 http::FieldReader reader(*body);
                 if (const auto at = reader.String("expires_at", {.max_length = 40}); at.value) {
                   expires_at = time::ParseRfc3339(*at.value);
                   if (!expires_at || *expires_at <= time::Now()) {
                     reader.AddError("expires_at", "invalid", "A future RFC 3339 time.");
                   }
                 }
                 if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               }
               auto created = links.Create(*id, expires_at, request.principal.id);
               if (!created.ok()) return http::ProblemResponse(created.error());
               return NewLinkResponse(request, *created, settings);
             });

  router.Add(
      "GET", "/api/v1/customers/{id}/quick-links", Access::kStaffRead, [&links](Request& request) {
        const auto id = ParseId(request.PathParam("id"));
        if (!id) return http::ProblemResponse(NotFound("customer"));
        auto list = links.List(*id);
        if (!list.ok()) return http::ProblemResponse(list.error());
        json::array items;
        for (const auto& link : *list) items.push_back(ToJson(link));
        return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
      });

  router.Add("DELETE", "/api/v1/quick-links/{id}", Access::kStaffWrite, [&links](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("quick link"));
    if (auto revoked = links.Revoke(*id); !revoked.ok()) {
      return http::ProblemResponse(revoked.error());
    }
    Response response = http::NoContent();
    return response;
  });

  router.Add("POST", "/api/v1/quick-links/{id}/regenerate", Access::kStaffWrite,
             [&links, settings](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("quick link"));
               auto created = links.Regenerate(*id, request.principal.id);
               if (!created.ok()) return http::ProblemResponse(created.error());
               return NewLinkResponse(request, *created, settings);
             });

  // Public: the token is the only credential. Every miss is the same 404.
  const auto resolve = [&links](const Request& request) {
    return links.Resolve(request.PathParam("token"));
  };

  router.Add("GET", "/api/v1/q/{token}", Access::kPublic,
             [resolve, &database, &customers](Request& request) {
               const auto link = resolve(request);
               if (!link) return http::ProblemResponse(NotFound("link"));
               return CatalogResponse(request, database, customers, link->customer,
                                      link->link.expires_at)
                   .SetHeader("Cache-Control", "no-store");
             });

  router.Add("POST", "/api/v1/q/{token}/orders", Access::kPublic,
             [resolve, &orders, settings](Request& request) {
               const auto link = resolve(request);
               if (!link) return http::ProblemResponse(NotFound("link"));
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               PlaceRequest place;
               if (auto key = ReadIdempotencyKey(
                       request, "quick_link:" + std::to_string(link->link.id), place);
                   !key.ok()) {
                 return http::ProblemResponse(key.error());
               }
               http::FieldReader reader(*body);
               ReadBuyer(*body, reader, true, place);
               place.lines = ReadLines(*body, reader);
               place.note = reader.String("note", {.max_length = kMaxNoteLength}).value;
               if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               place.kind = "order";
               place.source = "quick_link";
               place.customer_id = link->customer.id;
               place.quick_link_id = link->link.id;
               place.actor = Actor{"quick_link", link->link.id, place.buyer_name};
               place.rate_limit = RateLimit{settings.quick_orders_per_minute, kRateWindow};
               return Place(orders, place);
             });

  router.Add("POST", "/api/v1/q/{token}/sku-lines", Access::kPublic,
             [resolve, &database](Request& request) {
               const auto link = resolve(request);
               if (!link) return http::ProblemResponse(NotFound("link"));
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               http::FieldReader reader(*body);
               const auto text = reader.String("text", {.max_length = 100000, .required = true});
               auto lines = ParseSkuLines(text.value.value_or(""));
               if (lines.size() > kMaxSkuLines) {
                 reader.AddError("text", "too_many", "At most 500 lines.");
               }
               if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               std::vector<std::string> skus;
               for (const auto& line : lines) {
                 if (line.sku) skus.push_back(*line.sku);
               }
               std::map<std::string, Offer> offers;
               {
                 auto connection = database.Acquire();
                 for (auto& offer : CustomerCatalog::BySkus(*connection, link->customer, skus)) {
                   offers.emplace(text::Normalise(offer.sku), std::move(offer));
                 }
               }
               json::array out;
               for (auto& line : lines) {
                 json::value product = nullptr;
                 if (line.error.empty()) {
                   const auto found = offers.find(text::Normalise(*line.sku));
                   if (found == offers.end()) {
                     line.error = "unknown_sku";
                   } else if (!found->second.Refusal().empty()) {
                     line.error = "not_available";
                   } else {
                     product = ToJson(found->second);
                   }
                 }
                 out.push_back({{"line", line.line},
                                {"text", line.text},
                                {"sku", line.sku ? json::value(*line.sku) : nullptr},
                                {"quantity", line.quantity ? json::value(*line.quantity) : nullptr},
                                {"product", std::move(product)},
                                {"error", line.error.empty() ? json::value(nullptr)
                                                             : json::value(line.error)}});
               }
               return http::JsonResponse(200, {{"lines", std::move(out)}});
             });
}

}  // namespace

void RegisterRoutes(http::Router& router, storage::Database& database, OrderService& orders,
                    QuickLinkService& links, customers::CustomerRepository& customers,
                    OrderSettings settings) {
  RegisterStaffRoutes(router, database, orders, customers);
  RegisterQuickLinkRoutes(router, database, orders, links, customers, settings);
}

}  // namespace cartera::orders
