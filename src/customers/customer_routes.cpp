#include "customers/customer_routes.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <array>

#include "customers/customer_json.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::customers {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

Response CustomerResponse(unsigned status, const Customer& customer) {
  // One bump allocator for the whole document: no malloc per field.
  std::array<unsigned char, 8192> buffer;
  json::monotonic_resource resource(buffer.data(), buffer.size());
  Response response = http::JsonResponse(status, ToJson(customer, &resource));
  return std::move(http::WithEtag(response, customer.version));
}

// Reads the list query; bad enum values and limits are 422 naming the parameter.
Result<ListQuery> ParseListQuery(const Request& request) {
  ListQuery query;
  std::vector<FieldError> errors;
  const auto read_enum = [&](std::string_view name, std::span<const std::string_view> allowed,
                             std::optional<std::string>& target) {
    http::ReadQueryEnum(request, name, allowed, target, errors);
  };
  read_enum("status", kStatuses, query.status);
  read_enum("temperature", kTemperatures, query.temperature);
  read_enum("account_status", kAccountStatuses, query.account_status);
  read_enum("registration_status", kRegistrationStatuses, query.registration_status);
  if (const auto q = request.QueryValue("q"); q && !q->empty()) {
    if (q->size() > 200) {
      errors.push_back({"q", "too_long", "At most 200 characters."});
    } else {
      query.q = std::string(*q);
    }
  }
  const auto tags = request.QueryValues("tag");
  if (tags.size() > 20) errors.push_back({"tag", "too_many", "At most 20 tags."});
  for (const auto tag : tags) {
    if (!tag.empty()) query.tags.emplace_back(tag);
  }
  const auto sort = request.QueryValue("sort");
  if (!sort || sort->empty()) {
    query.sort = query.q ? SortOrder::kSearchNewest : SortOrder::kName;
  } else if (*sort == "name") {
    query.sort = SortOrder::kName;
  } else if (*sort == "-created_at") {
    query.sort = SortOrder::kNewest;
  } else if (*sort == "-last_order_at") {
    query.sort = SortOrder::kLastOrder;
  } else {
    errors.push_back({"sort", "invalid_enum", "One of: name, -created_at, -last_order_at."});
  }
  if (auto limit = http::ParseLimit(request); limit.ok()) {
    query.limit = *limit;
  } else {
    for (const auto& field : limit.error().fields) errors.push_back(field);
  }
  if (const auto cursor = request.QueryValue("cursor"); cursor && !cursor->empty()) {
    query.cursor = std::string(*cursor);
  }
  const auto include_total = request.QueryValue("include_total");
  query.include_total = include_total && (*include_total == "true" || *include_total == "1");
  if (!errors.empty()) return ValidationError(std::move(errors));
  return query;
}

}  // namespace

void RegisterRoutes(http::Router& router, CustomerService& service) {
  router.Add("GET", "/api/v1/customers", Access::kStaffRead, [&service](Request& request) {
    auto query = ParseListQuery(request);
    if (!query.ok()) return http::ProblemResponse(query.error());
    auto page = service.List(*query);
    if (!page.ok()) return http::ProblemResponse(page.error());
    json::monotonic_resource resource;
    json::array items(&resource);
    for (const auto& customer : page->items) items.push_back(ToJson(customer, &resource));
    json::object body = {{"items", std::move(items)},
                         {"next_cursor", page->next_cursor ? json::value(*page->next_cursor)
                                                           : json::value(nullptr)}};
    if (page->total) body["total"] = *page->total;
    return http::JsonResponse(200, body);
  });

  router.Add("POST", "/api/v1/customers", Access::kStaffWrite, [&service](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    auto created = service.Create(*body);
    if (!created.ok()) return http::ProblemResponse(created.error());
    json::object object = ToJson(created->customer);
    json::array duplicates;
    for (const auto& match : created->possible_duplicates) {
      duplicates.push_back({{"id", std::to_string(match.id)},
                            {"name", match.name},
                            {"matched_on", match.matched_on}});
    }
    object["possible_duplicates"] = std::move(duplicates);
    Response response = http::JsonResponse(201, object);
    response.SetHeader("Location", "/api/v1/customers/" + std::to_string(created->customer.id));
    return std::move(http::WithEtag(response, created->customer.version));
  });

  router.Add("GET", "/api/v1/customers/{id}", Access::kStaffRead, [&service](Request& request) {
    const auto id = http::ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("customer"));
    auto customer = service.Get(*id);
    if (!customer.ok()) return http::ProblemResponse(customer.error());
    return CustomerResponse(200, *customer);
  });

  router.Add("PATCH", "/api/v1/customers/{id}", Access::kStaffWrite, [&service](Request& request) {
    const auto id = http::ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("customer"));
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    auto customer = service.Patch(*id, *body, http::ExpectedVersion(request, std::nullopt));
    if (!customer.ok()) return http::ProblemResponse(customer.error());
    return CustomerResponse(200, *customer);
  });
}

}  // namespace cartera::customers
