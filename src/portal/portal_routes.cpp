#include "portal/portal_routes.hpp"

#include <memory>

#include "common/enum_names.hpp"
#include "contacts/contact_routes.hpp"
#include "http/auth_fields.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "orders/order_input.hpp"
#include "orders/order_json.hpp"
#include "portal/portal_service.hpp"

namespace cartera::portal {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

constexpr int64_t kCookieMaxAge = kSessionLifetimeMicros / 1000000;

// Whose orders `GET /portal/orders` lists: the contact's own or its customer's.
enum class OrderScope { kMine, kCustomer };
constexpr std::array<std::string_view, 2> kOrderScopes = {"mine", "customer"};
json::object CustomerJson(const customers::Customer& customer) {
  return {{"id", std::to_string(customer.id)},
          {"name", customer.name},
          {"currency", customer.currency},
          {"language", customer.language},
          {"shared_account", customer.shared_account},
          {"registration_status", customers::Name(customer.registration_status)}};
}

// The login answer: token, contact and customer.
json::object SessionJson(const PortalSession& session) {
  return {{"token", session.token},
          {"contact", contacts::ToJson(session.contact)},
          {"customer", CustomerJson(session.customer)}};
}

// The session cookie (HttpOnly) and the CSRF cookie the page reads.
Response WithSessionCookies(Response response, const PortalSession& session) {
  response.SetHeader("Set-Cookie",
                     http::CookieHeader(kSessionCookie, session.token, true, kCookieMaxAge));
  response.SetHeader("Set-Cookie",
                     http::CookieHeader(kCsrfCookie, session.csrf_token, false, kCookieMaxAge));
  return response;
}

Response SessionResponse(const PortalSession& session) {
  return WithSessionCookies(http::JsonResponse(200, SessionJson(session)), session);
}

struct Credentials {
  std::string email, password;
};

// Reads {email, password}; errors name the fields.
Result<Credentials> ReadCredentials(const Request& request) {
  TRY_ASSIGN(const json::object body, http::ParseJsonObject(request.body));
  http::FieldReader reader(body);
  const auto email = reader.String("email", {.max_length = 254, .required = true});
  const auto password = reader.String(
      "password", {.max_length = http::kMaxPasswordLength, .required = true, .nullable = false});
  if (!reader.ok()) return ValidationError(reader.errors());
  return Credentials{*email.value, *password.value};
}

// Reads {token, password}.
Result<std::pair<std::string, std::string>> ReadTokenAndPassword(const Request& request) {
  TRY_ASSIGN(const json::object body, http::ParseJsonObject(request.body));
  http::FieldReader reader(body);
  const auto token = reader.String("token", {.max_length = 200, .required = true});
  const auto password = reader.String(
      "password", {.max_length = http::kMaxPasswordLength, .required = true, .nullable = false});
  http::CheckPassword(reader, password);
  if (!reader.ok()) return ValidationError(reader.errors());
  return std::make_pair(*token.value, *password.value);
}

Result<Registration> ReadRegistration(const Request& request) {
  TRY_ASSIGN(const json::object body, http::ParseJsonObject(request.body));
  http::FieldReader reader(body);
  Registration registration;
  const auto text = [&reader](std::string_view name, size_t max, bool required) {
    return reader.String(name, {.max_length = max, .required = required, .nullable = !required})
        .value;
  };
  registration.company_name = text("company_name", 200, true).value_or("");
  registration.first_name = text("first_name", contacts::kMaxNameLength, true).value_or("");
  registration.last_name = text("last_name", contacts::kMaxNameLength, false);
  const auto email = reader.String("email", {.max_length = 254, .required = true});
  http::CheckEmail(reader, email);
  registration.email = email.value.value_or("");
  const auto password = reader.String(
      "password", {.max_length = http::kMaxPasswordLength, .required = true, .nullable = false});
  http::CheckPassword(reader, password);
  registration.password = password.value.value_or("");
  registration.phone = text("phone", contacts::kMaxPhoneLength, false);
  registration.tax_id = text("tax_id", 50, false);
  if (const auto language =
          reader.Enum("language", std::array<std::string_view, 2>{"es", "en"}, true);
      language.value) {
    registration.language = language.value;
  }
  if (!reader.ok()) return ValidationError(reader.errors());
  return registration;
}

Result<int64_t> ProductId(const Request& request) {
  const auto id = ParseId(request.PathParam("product_id"));
  if (!id) return NotFound("product");
  return *id;
}

json::object OfferJson(const orders::Offer& offer, const CatalogView& view) {
  json::object item{{"id", std::to_string(offer.id)},
                    {"sku", offer.sku},
                    {"name", offer.name},
                    {"product_type_id", offer.product_type_id
                                            ? json::value(std::to_string(*offer.product_type_id))
                                            : json::value(nullptr)},
                    {"available", offer.available},
                    {"favorite", view.favorites.contains(offer.id)}};
  if (view.prices_visible) {
    item["base_price_minor"] = offer.base_price_minor.value_or(0);
    item["price_minor"] = view.signed_in ? offer.price_minor : offer.base_price_minor.value_or(0);
  }
  return item;
}

}  // namespace

void RegisterRoutes(http::Router& router, const PortalServices& services) {
  PortalAuth& auth = services.auth;
  contacts::ContactService& contacts = services.contacts;
  orders::OrderService& orders = services.orders;
  // Held by the routes that use it, for as long as the router lives.
  const auto portal = std::make_shared<PortalService>(services.database, services.customers,
                                                      services.contacts, services.orders);

  router.Add(
      "GET", "/api/v1/portal/store", Access::kPublic, [portal](Request&) -> Result<Response> {
        const settings::Settings store = portal->Store();
        return http::JsonResponse(
            200, {{"name", store.store_name},
                  {"default_language", store.default_language},
                  {"registration_mode", settings::RegistrationModeName(store.registration_mode)},
                  {"price_visibility", settings::PriceVisibilityName(store.price_visibility)}});
      });

  router.Add("POST", "/api/v1/portal/login", Access::kPublic,
             [&auth](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto credentials, ReadCredentials(request));
               TRY_ASSIGN(const auto session,
                          auth.Login(credentials.email, credentials.password, request.remote_ip));
               return SessionResponse(session);
             });

  router.Add("POST", "/api/v1/portal/logout", Access::kContact,
             [&auth](Request& request) -> Result<Response> {
               auth.Logout(request.principal);
               Response response = http::NoContent();
               response.SetHeader("Set-Cookie", http::CookieHeader(kSessionCookie, "", true, 0));
               response.SetHeader("Set-Cookie", http::CookieHeader(kCsrfCookie, "", false, 0));
               return response;
             });

  router.Add("POST", "/api/v1/portal/register", Access::kPublic,
             [&auth](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto registration, ReadRegistration(request));
               TRY_ASSIGN(const auto registered, auth.Register(registration, request.remote_ip));
               if (registered.session) {
                 // Direct mode: signed in at once, the session as login answers it.
                 return WithSessionCookies(
                     http::JsonResponse(201, {{"status", "active"},
                                              {"session", SessionJson(*registered.session)}}),
                     *registered.session);
               }
               return http::JsonResponse(201, {{"status", "pending_validation"}});
             });

  router.Add("POST", "/api/v1/portal/password-reset", Access::kPublic,
             [&auth](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const auto email = reader.String("email", {.max_length = 254, .required = true});
               if (!reader.ok()) return ValidationError(reader.errors());
               auth.RequestPasswordReset(*email.value);
               return http::JsonResponse(202, {{"status", "queued"}});
             });

  router.Add("POST", "/api/v1/portal/password-reset/confirm", Access::kPublic,
             [&auth](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto input, ReadTokenAndPassword(request));
               TRY(auth.ConfirmPasswordReset(input.first, input.second));
               return http::NoContent();
             });

  router.Add("POST", "/api/v1/portal/invitation/accept", Access::kPublic,
             [&auth](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto input, ReadTokenAndPassword(request));
               TRY_ASSIGN(const auto session,
                          auth.AcceptInvitation(input.first, input.second, request.remote_ip));
               return SessionResponse(session);
             });

  router.Add(
      "GET", "/api/v1/portal/me", Access::kContact, [portal](Request& request) -> Result<Response> {
        TRY_ASSIGN(const auto profile, portal->ProfileOf(request.principal));
        json::object customer = CustomerJson(profile.account.customer);
        if (profile.credit) customer["credit"] = orders::ToJson(*profile.credit);
        return http::JsonResponse(200, {{"contact", contacts::ToJson(profile.account.contact)},
                                        {"customer", std::move(customer)}});
      });

  router.Add("PATCH", "/api/v1/portal/me", Access::kContact,
             [portal](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const contacts::ContactInput input =
                   ReadContactInput(reader, contacts::ContactFields::kSelf);
               const auto current_password =
                   reader.String("current_password", {.max_length = http::kMaxPasswordLength});
               if (input.password && !current_password.value) {
                 reader.AddError("current_password", "required", "Your current password.");
               }
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(const auto updated,
                          portal->UpdateProfile(request.principal, input, current_password.value));
               return http::JsonResponse(200, contacts::ToJson(updated));
             });

  router.Add("GET", "/api/v1/portal/catalog", Access::kPublic,
             [&auth, portal](Request& request) -> Result<Response> {
               orders::CatalogQuery query;
               std::vector<FieldError> errors;
               if (auto q = request.QueryValue("q"); q && !q->empty()) {
                 if (q->size() > 200)
                   errors.push_back({"q", "too_long", "At most 200 characters."});
                 query.q = std::string(*q);
               }
               http::ReadPaging(request, 50, query.limit, query.cursor, errors);
               if (!errors.empty()) return ValidationError(std::move(errors));
               TRY_ASSIGN(const auto view, portal->Catalog(auth.Visitor(request), query));
               json::array items;
               for (const auto& offer : view.page.items) items.push_back(OfferJson(offer, view));
               return http::JsonResponse(
                   200, {{"prices_visible", view.prices_visible},
                         {"currency", view.currency},
                         {"items", std::move(items)},
                         {"next_cursor",
                          view.page.next_cursor ? json::value(*view.page.next_cursor) : nullptr}});
             });

  router.Add("GET", "/api/v1/portal/orders", Access::kContact,
             [&orders](Request& request) -> Result<Response> {
               orders::OrderQuery query;
               std::vector<FieldError> errors;
               std::optional<std::string> scope;
               http::ReadQueryEnum(request, "scope", kOrderScopes, scope, errors);
               http::ReadPaging(request, 50, query.limit, query.cursor, errors);
               if (!errors.empty()) return ValidationError(std::move(errors));
               query.customer_id = request.principal.customer_id;
               if (ParseIn<OrderScope>(kOrderScopes, scope.value_or("")) != OrderScope::kCustomer) {
                 query.contact_id = request.principal.id;
               }
               return contacts::OrdersResponse(orders, query);
             });

  router.Add("GET", "/api/v1/portal/orders/{id}", Access::kContact,
             [&orders](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               auto order = id ? orders.Find(*id) : std::nullopt;
               // Another customer's order does not exist for this contact.
               if (!order || order->customer_id != request.principal.customer_id) {
                 return NotFound("order");
               }
               return orders::OrderResponse(200, *order);
             });

  router.Add(
      "POST", "/api/v1/portal/orders", Access::kContact,
      [&orders, portal](Request& request) -> Result<Response> {
        TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
        TRY_ASSIGN(const auto account, portal->AccountOf(request.principal));
        const contacts::Contact& contact = account.contact;
        const customers::Customer& customer = account.customer;
        orders::PlaceRequest place;
        TRY(orders::ReadIdempotencyKey(request, "contact:" + std::to_string(contact.id), place));
        http::FieldReader reader(body);
        place.kind = reader.Enum("kind", orders::kKinds, false).value.value_or("order");
        TRY(CheckMayPlace(contact, place.kind));
        // F15: on a shared account every order names its buyer.
        orders::ReadBuyer(body, reader, customer.shared_account, place);
        place.lines = orders::ReadLines(body, reader);
        place.note = reader.String("note", {.max_length = orders::kMaxNoteLength}).value;
        if (!reader.ok()) return ValidationError(reader.errors());
        if (!customer.shared_account) {
          place.buyer_name = contact.FullName();
          place.buyer_email = contact.email;
        }
        place.source = "portal";
        place.customer_id = customer.id;
        place.contact_id = contact.id;
        place.actor = orders::Actor{"contact", contact.id, contact.FullName()};
        TRY_ASSIGN(const auto placed, orders.Place(place));
        return orders::PlacedResponse(placed);
      });

  router.Add("GET", "/api/v1/portal/favorites", Access::kContact,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto favorites, contacts.Favorites(request.principal.id));
               return http::JsonResponse(200, {{"items", contacts::ToJson(favorites)}});
             });

  router.Add("PUT", "/api/v1/portal/favorites/{product_id}", Access::kContact,
             [portal](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t product, ProductId(request));
               TRY(portal->AddFavorite(request.principal, product));
               return http::NoContent();
             });

  router.Add("DELETE", "/api/v1/portal/favorites/{product_id}", Access::kContact,
             [&contacts](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t product, ProductId(request));
               TRY(contacts.RemoveFavorite(request.principal.id, product));
               return http::NoContent();
             });
}

}  // namespace cartera::portal
