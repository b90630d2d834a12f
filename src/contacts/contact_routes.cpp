#include "contacts/contact_routes.hpp"

#include "messaging/phone.hpp"

#include "common/text.hpp"
#include "http/auth_fields.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "orders/order_json.hpp"

namespace cartera::contacts {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

Response ContactResponse(unsigned status, const Contact& contact) {
  Response response = http::JsonResponse(status, ToJson(contact));
  return std::move(http::WithEtag(response, contact.version));
}

// An optional text: absent → nullopt; null or "" → clear it.
std::optional<std::optional<std::string>> Optional(http::FieldReader& reader, std::string_view name,
                                                   size_t max_length) {
  auto field = reader.String(name, {.max_length = max_length});
  if (!field.present) return std::nullopt;
  return field.value;
}

}  // namespace

ContactInput ReadContactInput(http::FieldReader& reader, ContactFields fields) {
  const bool create = fields == ContactFields::kCreate;
  ContactInput input;
  const http::StringRule name{.max_length = kMaxNameLength, .required = create, .nullable = false};
  input.first_name = reader.String("first_name", name).value;
  input.last_name = Optional(reader, "last_name", kMaxNameLength);
  const auto email = reader.String(
      "email", {.max_length = kMaxEmailLength, .required = create, .nullable = false});
  http::CheckEmail(reader, email);
  input.email = email.value;
  input.phone = Optional(reader, "phone", kMaxPhoneLength);
  input.whatsapp = Optional(reader, "whatsapp", kMaxPhoneLength);
  input.country = Optional(reader, "country", 2);
  if (input.country && *input.country && !messaging::IsKnownCountry(**input.country)) {
    reader.AddError("country", "invalid", "An ISO 3166-1 alpha-2 code in capitals, e.g. ES.");
  }
  input.language = Optional(reader, "language", 10);
  if (input.language && *input.language && **input.language != "es" && **input.language != "en") {
    reader.AddError("language", "invalid_enum", "One of: es, en.");
  }
  if (fields == ContactFields::kSelf) {
    // A contact edits its own name, phones and language; not its email, role or rights.
    input.email.reset();
  } else {
    input.department = Optional(reader, "department", kMaxDepartmentLength);
    const auto role = reader.Enum("role", kRoles, true);
    if (role.present) input.role = role.value;
    if (const auto permissions = reader.StringList("permissions", kPermissions.size(), 40);
        permissions.present) {
      for (const auto& permission : permissions.value.value_or(std::vector<std::string>{})) {
        if (std::find(kPermissions.begin(), kPermissions.end(), permission) == kPermissions.end()) {
          reader.AddError("permissions", "invalid_enum",
                          "Each one of: place_orders, request_quotes, view_prices, "
                          "view_invoices, view_shipments.");
          break;
        }
      }
      input.permissions = permissions.value.value_or(std::vector<std::string>{});
    }
    if (fields == ContactFields::kUpdate) {
      const auto access = reader.Enum("access", kAccessChanges, false);
      if (access.value) input.access = access.value;
    }
  }
  const auto password = reader.String("password", {.max_length = http::kMaxPasswordLength});
  http::CheckPassword(reader, password);
  input.password = password.value;
  return input;
}

void RegisterRoutes(http::Router& router, ContactService& contacts, orders::OrderService& orders) {
  router.Add(
      "GET", "/api/v1/customers/{id}/contacts", Access::kStaffRead, [&contacts](Request& request) {
        const auto id = ParseId(request.PathParam("id"));
        if (!id) return http::ProblemResponse(NotFound("customer"));
        int64_t limit = 50;
        std::optional<std::string> cursor;
        std::vector<FieldError> errors;
        http::ReadPaging(request, 50, limit, cursor, errors);
        if (!errors.empty()) return http::ProblemResponse(ValidationError(errors));
        auto page = contacts.List(*id, limit, cursor);
        if (!page.ok()) return http::ProblemResponse(page.error());
        json::array items;
        for (const auto& contact : page->items) items.push_back(ToJson(contact));
        return http::JsonResponse(
            200, {{"items", std::move(items)},
                  {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
      });

  router.Add("POST", "/api/v1/customers/{id}/contacts", Access::kStaffWrite,
             [&contacts](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("customer"));
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               http::FieldReader reader(*body);
               const ContactInput input = ReadContactInput(reader, ContactFields::kCreate);
               if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               auto created = contacts.Create(*id, input, history::ActorOf(request.principal));
               if (!created.ok()) return http::ProblemResponse(created.error());
               return ContactResponse(201, *created);
             });

  router.Add("GET", "/api/v1/contacts/{id}", Access::kStaffRead, [&contacts](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    const auto contact = id ? contacts.Find(*id) : std::nullopt;
    if (!contact) return http::ProblemResponse(NotFound("contact"));
    return ContactResponse(200, *contact);
  });

  router.Add("PATCH", "/api/v1/contacts/{id}", Access::kStaffWrite, [&contacts](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("contact"));
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    const ContactInput input = ReadContactInput(reader, ContactFields::kUpdate);
    const auto version = reader.Integer("version", 1, INT64_MAX, true);
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    auto updated = contacts.Update(*id, input, http::ExpectedVersion(request, version.value),
                                   history::ActorOf(request.principal));
    if (!updated.ok()) return http::ProblemResponse(updated.error());
    return ContactResponse(200, *updated);
  });

  router.Add("DELETE", "/api/v1/contacts/{id}", Access::kStaffWrite, [&contacts](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("contact"));
    if (auto deleted = contacts.Delete(*id, history::ActorOf(request.principal)); !deleted.ok()) {
      return http::ProblemResponse(deleted.error());
    }
    return http::NoContent();
  });

  router.Add("POST", "/api/v1/contacts/{id}/invitation", Access::kStaffWrite,
             [&contacts](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("contact"));
               if (auto sent = contacts.SendInvitation(*id, history::ActorOf(request.principal));
                   !sent.ok()) {
                 return http::ProblemResponse(sent.error());
               }
               return http::JsonResponse(202, {{"status", "queued"}});
             });

  router.Add("GET", "/api/v1/contacts/{id}/orders", Access::kStaffRead,
             [&contacts, &orders](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id || !contacts.Find(*id)) return http::ProblemResponse(NotFound("contact"));
               orders::OrderQuery query;
               query.contact_id = *id;
               std::vector<FieldError> errors;
               http::ReadPaging(request, 50, query.limit, query.cursor, errors);
               if (!errors.empty()) return http::ProblemResponse(ValidationError(errors));
               return OrdersResponse(orders, query);
             });

  router.Add("GET", "/api/v1/contacts/{id}/favorites", Access::kStaffRead,
             [&contacts](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound("contact"));
               auto favorites = contacts.Favorites(*id);
               if (!favorites.ok()) return http::ProblemResponse(favorites.error());
               return http::JsonResponse(200, {{"items", FavoritesJson(*favorites)}});
             });

  router.Add("PUT", "/api/v1/contacts/{id}/favorites/{product_id}", Access::kStaffWrite,
             [&contacts](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               const auto product = ParseId(request.PathParam("product_id"));
               if (!id) return http::ProblemResponse(NotFound("contact"));
               if (!product) return http::ProblemResponse(NotFound("product"));
               if (auto added = contacts.AddFavorite(*id, *product); !added.ok()) {
                 return http::ProblemResponse(added.error());
               }
               return http::NoContent();
             });

  router.Add("DELETE", "/api/v1/contacts/{id}/favorites/{product_id}", Access::kStaffWrite,
             [&contacts](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               const auto product = ParseId(request.PathParam("product_id"));
               if (!id) return http::ProblemResponse(NotFound("contact"));
               if (!product) return http::ProblemResponse(NotFound("product"));
               if (auto removed = contacts.RemoveFavorite(*id, *product); !removed.ok()) {
                 return http::ProblemResponse(removed.error());
               }
               return http::NoContent();
             });
}

json::array FavoritesJson(const std::vector<Favorite>& favorites) {
  json::array items;
  for (const auto& favorite : favorites) {
    items.push_back({{"product_id", std::to_string(favorite.product_id)},
                     {"sku", favorite.sku},
                     {"name", favorite.name},
                     {"added_at", time::FormatRfc3339(favorite.added_at)}});
  }
  return items;
}

Response OrdersResponse(orders::OrderService& orders, const orders::OrderQuery& query) {
  auto page = orders.List(query);
  if (!page.ok()) return http::ProblemResponse(page.error());
  json::array items;
  for (const auto& order : page->items) items.push_back(orders::ToJson(order));
  return http::JsonResponse(
      200, {{"items", std::move(items)},
            {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
}

}  // namespace cartera::contacts
