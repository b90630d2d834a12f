#include "catalog/catalog_routes.hpp"

#include <algorithm>

#include "common/validation.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::catalog {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

constexpr size_t kMaxPrices = 50;
constexpr int64_t kMaxAmountMinor = 10'000'000'000'000;  // 100 billion in a 2-decimal currency
constexpr size_t kMaxStockLevels = 1000;
constexpr int64_t kMaxQuantity = 1'000'000'000;

json::value IdOrNull(const std::optional<int64_t>& id) {
  return id ? json::value(std::to_string(*id)) : json::value(nullptr);
}

json::object ToJson(const Product& p) {
  json::array prices;
  for (const auto& price : p.prices) {
    prices.push_back({{"currency", price.currency}, {"amount_minor", price.amount_minor}});
  }
  return {{"id", std::to_string(p.id)},
          {"sku", p.sku},
          {"name", p.name},
          {"product_type_id", IdOrNull(p.product_type_id)},
          {"external_id", p.external_id ? json::value(*p.external_id) : json::value(nullptr)},
          {"active", p.active},
          {"prices", std::move(prices)},
          {"created_at", time::FormatRfc3339(p.created_at)},
          {"updated_at", time::FormatRfc3339(p.updated_at)},
          {"version", p.version}};
}

Response ProductResponse(unsigned status, const Product& product) {
  Response response = http::JsonResponse(status, ToJson(product));
  return std::move(http::WithEtag(response, product.version));
}

// An id sent as a string ("12") or null; anything else is an error on `field`.
std::optional<std::optional<int64_t>> ReadId(const json::object& body, std::string_view field,
                                             http::FieldReader& reader) {
  const auto* value = body.if_contains(field);
  if (!value) return std::nullopt;
  if (value->is_null()) return std::optional<int64_t>{};
  if (value->is_string()) {
    if (auto id = ParseId(value->as_string())) return std::optional<int64_t>{*id};
  }
  reader.AddError(std::string(field), "invalid", "Must be the id of an existing record, or null.");
  return std::nullopt;
}

void ReadPrices(const json::object& body, http::FieldReader& reader,
                std::optional<std::vector<Price>>& prices) {
  const auto* value = body.if_contains("prices");
  if (!value) return;
  if (!value->is_array()) {
    reader.AddError("prices", "invalid_type", "Must be a list of {currency, amount_minor}.");
    return;
  }
  const auto& array = value->as_array();
  if (array.size() > kMaxPrices) {
    reader.AddError("prices", "too_many", "At most 50 prices.");
    return;
  }
  std::vector<Price> read;
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string at = "prices[" + std::to_string(i) + "]";
    if (!array[i].is_object()) {
      reader.AddError(at, "invalid_type", "Must be {currency, amount_minor}.");
      continue;
    }
    const auto& item = array[i].as_object();
    const auto* currency = item.if_contains("currency");
    const auto* amount = item.if_contains("amount_minor");
    if (!currency || !currency->is_string() || !validation::IsCurrencyCode(currency->as_string())) {
      reader.AddError(at + ".currency", "invalid", "Not an ISO 4217 currency code.");
      continue;
    }
    if (!amount || !amount->is_int64()) {
      reader.AddError(at + ".amount_minor", "invalid_type", "Must be a whole number.");
      continue;
    }
    if (amount->as_int64() < 0 || amount->as_int64() > kMaxAmountMinor) {
      reader.AddError(at + ".amount_minor", "out_of_range", "Must be 0 or more.");
      continue;
    }
    const std::string code(currency->as_string());
    if (std::any_of(read.begin(), read.end(), [&](const Price& p) { return p.currency == code; })) {
      reader.AddError(at + ".currency", "invalid", "One price per currency.");
      continue;
    }
    read.push_back(Price{code, amount->as_int64()});
  }
  std::sort(read.begin(), read.end(),
            [](const Price& a, const Price& b) { return a.currency < b.currency; });
  prices = std::move(read);
}

// The fields of a product body. Errors: kValidation naming every bad field.
Result<ProductInput> ReadProduct(const json::object& body, bool create) {
  http::FieldReader reader(body);
  ProductInput input;
  if (auto sku = reader.String("sku", {.max_length = 64, .required = create, .nullable = false});
      sku.value) {
    if (sku.value->find_first_of(" \t\r\n") != std::string::npos) {
      reader.AddError("sku", "invalid", "No spaces in a SKU.");
    } else {
      input.sku = *sku.value;
    }
  }
  if (auto name = reader.String("name", {.max_length = 200, .required = create, .nullable = false});
      name.value) {
    input.name = *name.value;
  }
  if (auto external_id = reader.String("external_id", {.max_length = 100}); external_id.present) {
    input.external_id = external_id.value;
  }
  if (auto active = reader.Bool("active"); active.value) input.active = *active.value;
  if (auto type = ReadId(body, "product_type_id", reader)) input.product_type_id = *type;
  ReadPrices(body, reader, input.prices);
  input.version = reader.Integer("version", 1, INT64_MAX, true).value;
  if (!reader.ok()) return ValidationError(reader.errors());
  return input;
}

// {"items": [...]} like the GET, or the bare list. Errors: kInvalidArgument (not JSON),
// kValidation naming every bad item.
Result<std::vector<StockLevel>> ReadStock(std::string_view text) {
  TRY_ASSIGN(auto parsed, http::ParseJson(text));
  json::object body =
      parsed.is_array() ? json::object{{"items", std::move(parsed)}} : json::object{};
  if (parsed.is_object()) body = std::move(parsed.as_object());
  const auto* items = body.if_contains("items");
  std::vector<FieldError> errors;
  std::vector<StockLevel> levels;
  if (!items || !items->is_array()) {
    errors.push_back({"items", "invalid_type", "Must be a list."});
  } else if (items->as_array().size() > kMaxStockLevels) {
    errors.push_back({"items", "too_many", "At most 1000 warehouses."});
  } else {
    const auto& array = items->as_array();
    for (size_t i = 0; i < array.size(); ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      const auto* warehouse =
          array[i].is_object() ? array[i].as_object().if_contains("warehouse_id") : nullptr;
      const auto* quantity =
          array[i].is_object() ? array[i].as_object().if_contains("quantity") : nullptr;
      const auto warehouse_id =
          warehouse && warehouse->is_string() ? ParseId(warehouse->as_string()) : std::nullopt;
      if (!warehouse_id) {
        errors.push_back({at + ".warehouse_id", "invalid", "A warehouse id."});
      } else if (!quantity || !quantity->is_int64()) {
        errors.push_back({at + ".quantity", "invalid_type", "A whole number."});
      } else if (quantity->as_int64() < 0 || quantity->as_int64() > kMaxQuantity) {
        errors.push_back({at + ".quantity", "out_of_range", "0 or more."});
      } else if (std::any_of(levels.begin(), levels.end(), [&](const StockLevel& l) {
                   return l.warehouse_id == *warehouse_id;
                 })) {
        errors.push_back({at + ".warehouse_id", "invalid", "Listed twice."});
      } else {
        levels.push_back(StockLevel{*warehouse_id, quantity->as_int64()});
      }
    }
  }
  if (!errors.empty()) return ValidationError(std::move(errors));
  return levels;
}

Response StockResponse(const std::vector<StockLevel>& levels) {
  json::array items;
  for (const auto& level : levels) {
    items.push_back(
        {{"warehouse_id", std::to_string(level.warehouse_id)}, {"quantity", level.quantity}});
  }
  return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

json::object ToJson(const NamedResource& resource) {
  return {{"id", std::to_string(resource.id)},
          {"name", resource.name},
          {"created_at", time::FormatRfc3339(resource.created_at)},
          {"updated_at", time::FormatRfc3339(resource.updated_at)},
          {"version", resource.version}};
}

Response NamedResourceResponse(unsigned status, const NamedResource& resource) {
  Response response = http::JsonResponse(status, ToJson(resource));
  return std::move(http::WithEtag(response, resource.version));
}

// GET/POST {path}, PATCH/DELETE {path}/{id}.
void RegisterNamedResourceRoutes(http::Router& router, const std::string& path,
                                 NamedResourceService& service) {
  const auto missing = [&service] { return NotFound(std::string(SingularName(service.kind()))); };
  router.Add("GET", path, Access::kStaffRead, [&service](Request&) -> Result<Response> {
    json::array items;
    for (const auto& item : service.List()) items.push_back(ToJson(item));
    return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
  });
  router.Add("POST", path, Access::kStaffWrite, [&service](Request& request) -> Result<Response> {
    TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
    http::FieldReader reader(body);
    const auto name =
        reader.String("name", {.max_length = 100, .required = true, .nullable = false});
    reader.Integer("version", 1, INT64_MAX, true);
    if (!reader.ok()) return ValidationError(reader.errors());
    TRY_ASSIGN(const auto created, service.Create(*name.value));
    return NamedResourceResponse(201, created);
  });
  router.Add("PATCH", path + "/{id}", Access::kStaffWrite,
             [&service, missing](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return missing();
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const auto name = reader.String("name", {.max_length = 100, .nullable = false});
               const auto version = reader.Integer("version", 1, INT64_MAX, true);
               if (!reader.ok()) return ValidationError(reader.errors());
               if (!name.value) {
                 TRY_ASSIGN(const auto current, service.Get(*id));
                 return NamedResourceResponse(200, current);
               }
               TRY_ASSIGN(
                   const auto renamed,
                   service.Rename(*id, *name.value, http::ExpectedVersion(request, version.value)));
               return NamedResourceResponse(200, renamed);
             });
  router.Add("DELETE", path + "/{id}", Access::kStaffWrite,
             [&service, missing](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return missing();
               TRY(service.Delete(*id));
               return http::NoContent();
             });
}

}  // namespace

void RegisterRoutes(http::Router& router, NamedResourceService& product_types,
                    NamedResourceService& warehouses, ProductService& products) {
  RegisterNamedResourceRoutes(router, "/api/v1/product-types", product_types);
  RegisterNamedResourceRoutes(router, "/api/v1/warehouses", warehouses);

  router.Add("GET", "/api/v1/products", Access::kStaffRead,
             [&products](Request& request) -> Result<Response> {
               ProductQuery query;
               std::vector<FieldError> errors;
               if (auto q = request.QueryValue("q"); q && !q->empty()) query.q = std::string(*q);
               if (auto type = request.QueryValue("product_type_id"); type && !type->empty()) {
                 query.product_type_id = ParseId(*type).value_or(0);
               }
               if (auto active = request.QueryValue("active"); active && !active->empty()) {
                 if (*active != "true" && *active != "false") {
                   errors.push_back({"active", "invalid_enum", "true or false."});
                 }
                 query.active = *active == "true";
               }
               http::ReadPaging(request, 50, query.limit, query.cursor, errors);
               if (!errors.empty()) return ValidationError(std::move(errors));
               TRY_ASSIGN(const auto page, products.List(query));
               json::array items;
               for (const auto& product : page.items) items.push_back(ToJson(product));
               return http::JsonResponse(
                   200, {{"items", std::move(items)},
                         {"next_cursor", page.next_cursor ? json::value(*page.next_cursor)
                                                          : json::value(nullptr)}});
             });

  router.Add("POST", "/api/v1/products", Access::kStaffWrite,
             [&products](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto input, ReadProduct(body, true));
               TRY_ASSIGN(const auto created, products.Create(input));
               return ProductResponse(201, created);
             });

  router.Add("GET", "/api/v1/products/{id}", Access::kStaffRead,
             [&products](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return NotFound("product");
               TRY_ASSIGN(const auto product, products.Get(*id));
               return ProductResponse(200, product);
             });

  router.Add("PATCH", "/api/v1/products/{id}", Access::kStaffWrite,
             [&products](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return NotFound("product");
               TRY_ASSIGN(const auto current, products.Get(*id));
               TRY(http::CheckIfMatch(request, current.version));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto input, ReadProduct(body, false));
               TRY_ASSIGN(
                   const auto updated,
                   products.Update(*id, input, http::ExpectedVersion(request, input.version)));
               return ProductResponse(200, updated);
             });

  router.Add("GET", "/api/v1/products/{id}/stock", Access::kStaffRead,
             [&products](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return NotFound("product");
               TRY_ASSIGN(const auto levels, products.Stock(*id));
               return StockResponse(levels);
             });

  router.Add("PUT", "/api/v1/products/{id}/stock", Access::kStaffWrite,
             [&products](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return NotFound("product");
               TRY(products.Get(*id));
               TRY_ASSIGN(const auto levels, ReadStock(request.body));
               TRY_ASSIGN(const auto stored, products.SetStock(*id, levels));
               return StockResponse(stored);
             });
}

}  // namespace cartera::catalog
