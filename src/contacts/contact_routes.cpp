#include "contacts/contact_routes.hpp"

#include <boost/json/array.hpp>

#include "http/auth_fields.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "messaging/phone.hpp"
#include "messaging/template_repository.hpp"
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

// The permissions of a body; a name outside kPermissions is an error in `reader`.
std::optional<Permissions> ReadPermissions(http::FieldReader& reader) {
  const auto names = reader.StringList("permissions", kPermissions.size(), 40);
  if (!names.present) return std::nullopt;
  Permissions permissions;
  for (const auto& name : names.value.value_or(std::vector<std::string>{})) {
    const auto permission = ParsePermission(name);
    if (!permission) {
      std::string choices;
      for (const auto choice : kPermissions) {
        choices += (choices.empty() ? "" : ", ") + std::string(choice);
      }
      reader.AddError("permissions", "invalid_enum", "Each one of: " + choices + ".");
      break;
    }
    permissions.Add(*permission);
  }
  return permissions;
}

// The contact and product ids of a favourite's path.
Result<std::pair<int64_t, int64_t>> FavoriteIds(const Request& request) {
  TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
  const auto product = ParseId(request.PathParam("product_id"));
  if (!product) return NotFound("product");
  return std::make_pair(id, *product);
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
  if (input.language && *input.language && !messaging::ParseLanguage(**input.language)) {
    reader.AddError("language", "invalid_enum", "One of: es, en.");
  }
  if (fields == ContactFields::kSelf) {
    // A contact edits its own name, phones and language; not its email, role or rights.
    input.email.reset();
  } else {
    input.department = Optional(reader, "department", kMaxDepartmentLength);
    if (const auto role = reader.Enum("role", kRoles, true); role.present) {
      input.role = role.value ? ParseRole(*role.value) : std::nullopt;
    }
    input.permissions = ReadPermissions(reader);
    if (fields == ContactFields::kUpdate) {
      const auto access = reader.Enum("access", kAccessChanges, false);
      if (access.value) input.access = ParsePortalAccess(*access.value);
    }
  }
  const auto password = reader.String("password", {.max_length = http::kMaxPasswordLength});
  http::CheckPassword(reader, password);
  input.password = password.value;
  return input;
}

void RegisterRoutes(http::Router& router, ContactService& contacts, orders::OrderService& orders) {
  router.Add("GET", "/api/v1/customers/{id}/contacts", Access::kStaffRead,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               int64_t limit = 50;
               std::optional<std::string> cursor;
               std::vector<FieldError> errors;
               http::ReadPaging(request, 50, limit, cursor, errors);
               if (!errors.empty()) return ValidationError(std::move(errors));
               TRY_ASSIGN(const auto page, contacts.List(id, limit, cursor));
               json::array items;
               for (const auto& contact : page.items) items.push_back(ToJson(contact));
               return http::JsonResponse(
                   200,
                   {{"items", std::move(items)},
                    {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : nullptr}});
             });

  router.Add("POST", "/api/v1/customers/{id}/contacts", Access::kStaffWrite,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const ContactInput input = ReadContactInput(reader, ContactFields::kCreate);
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(const auto created,
                          contacts.Create(id, input, history::ActorOf(request.principal)));
               return ContactResponse(201, created);
             });

  router.Add("GET", "/api/v1/contacts/{id}", Access::kStaffRead,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
               TRY_ASSIGN(const auto contact, contacts.Get(id));
               return ContactResponse(200, contact);
             });

  router.Add("PATCH", "/api/v1/contacts/{id}", Access::kStaffWrite,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const ContactInput input = ReadContactInput(reader, ContactFields::kUpdate);
               const auto version = reader.Integer("version", 1, INT64_MAX, true);
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(const auto updated,
                          contacts.Update(id, input, http::ExpectedVersion(request, version.value),
                                          history::ActorOf(request.principal)));
               return ContactResponse(200, updated);
             });

  router.Add("DELETE", "/api/v1/contacts/{id}", Access::kStaffWrite,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
               TRY(contacts.Delete(id, history::ActorOf(request.principal)));
               return http::NoContent();
             });

  router.Add("POST", "/api/v1/contacts/{id}/invitation", Access::kStaffWrite,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
               TRY(contacts.SendInvitation(id, history::ActorOf(request.principal)));
               return http::JsonResponse(202, {{"status", "queued"}});
             });

  router.Add("GET", "/api/v1/contacts/{id}/orders", Access::kStaffRead,
             [&contacts, &orders](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
               TRY(contacts.Get(id));
               orders::OrderQuery query;
               query.contact_id = id;
               std::vector<FieldError> errors;
               http::ReadPaging(request, 50, query.limit, query.cursor, errors);
               if (!errors.empty()) return ValidationError(std::move(errors));
               return OrdersResponse(orders, query);
             });

  router.Add("GET", "/api/v1/contacts/{id}/favorites", Access::kStaffRead,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "contact"));
               TRY_ASSIGN(const auto favorites, contacts.Favorites(id));
               return http::JsonResponse(200, {{"items", ToJson(favorites)}});
             });

  router.Add("PUT", "/api/v1/contacts/{id}/favorites/{product_id}", Access::kStaffWrite,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto ids, FavoriteIds(request));
               TRY(contacts.AddFavorite(ids.first, ids.second));
               return http::NoContent();
             });

  router.Add("DELETE", "/api/v1/contacts/{id}/favorites/{product_id}", Access::kStaffWrite,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto ids, FavoriteIds(request));
               TRY(contacts.RemoveFavorite(ids.first, ids.second));
               return http::NoContent();
             });
}

Result<Response> OrdersResponse(orders::OrderService& orders, const orders::OrderQuery& query) {
  TRY_ASSIGN(const auto page, orders.List(query));
  json::array items;
  for (const auto& order : page.items) items.push_back(orders::ToJson(order));
  return http::JsonResponse(
      200, {{"items", std::move(items)},
            {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : nullptr}});
}

}  // namespace cartera::contacts
