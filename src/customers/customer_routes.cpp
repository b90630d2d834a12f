#include "customers/customer_routes.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <array>

#include "customers/customer_json.hpp"
#include "customers/customer_query.hpp"
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

}  // namespace

void RegisterRoutes(http::Router& router, CustomerService& service) {
  router.Add("GET", "/api/v1/customers", Access::kStaffRead,
             [&service](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto query, ParseListQuery(request));
               TRY_ASSIGN(const auto page, service.List(query));
               json::monotonic_resource resource;
               json::array items(&resource);
               for (const auto& customer : page.items) items.push_back(ToJson(customer, &resource));
               json::object body = {
                   {"items", std::move(items)},
                   {"next_cursor",
                    page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}};
               if (page.total) body["total"] = *page.total;
               return http::JsonResponse(200, body);
             });

  router.Add(
      "POST", "/api/v1/customers", Access::kStaffWrite,
      [&service](Request& request) -> Result<Response> {
        TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
        TRY_ASSIGN(const auto created, service.Create(body, history::ActorOf(request.principal)));
        json::object object = ToJson(created.customer);
        json::array duplicates;
        for (const auto& match : created.possible_duplicates) {
          duplicates.push_back({{"id", std::to_string(match.id)},
                                {"name", match.name},
                                {"matched_on", match.matched_on}});
        }
        object["possible_duplicates"] = std::move(duplicates);
        Response response = http::JsonResponse(201, object);
        response.SetHeader("Location", "/api/v1/customers/" + std::to_string(created.customer.id));
        return std::move(http::WithEtag(response, created.customer.version));
      });

  router.Add("GET", "/api/v1/customers/{id}", Access::kStaffRead,
             [&service](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto customer, service.Get(id));
               return CustomerResponse(200, customer);
             });

  router.Add("PATCH", "/api/v1/customers/{id}", Access::kStaffWrite,
             [&service](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto customer,
                          service.Patch(id, body, http::ExpectedVersion(request, std::nullopt),
                                        history::ActorOf(request.principal)));
               return CustomerResponse(200, customer);
             });

  // Deletion (F3): ask for a code, then DELETE with it.
  router.Add("POST", "/api/v1/customers/{id}/deletion-code", Access::kStaffWrite,
             [&service](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto issued,
                          service.RequestDeletionCode(id, history::ActorOf(request.principal)));
               Response response = http::JsonResponse(
                   200, json::object{{"confirmation_code", issued.code},
                                     {"expires_at", time::FormatRfc3339(issued.expires_at)},
                                     {"order_count", issued.order_counts.orders},
                                     {"quote_count", issued.order_counts.quotes}});
               response.SetHeader("Cache-Control", "no-store");
               return response;
             });

  router.Add("DELETE", "/api/v1/customers/{id}", Access::kStaffWrite,
             [&service](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               const auto code = request.QueryValue("confirmation_code");
               TRY(service.Delete(id, code.value_or(""), history::ActorOf(request.principal)));
               return http::NoContent();
             });

  // Deactivation (F14) is refused while contacts can sign in; this revokes them all.
  router.Add("POST", "/api/v1/customers/{id}/revoke-contact-access", Access::kStaffWrite,
             [&service](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const int64_t revoked,
                          service.RevokeContactAccess(id, history::ActorOf(request.principal)));
               return http::JsonResponse(200, json::object{{"revoked", revoked}});
             });
}

}  // namespace cartera::customers
