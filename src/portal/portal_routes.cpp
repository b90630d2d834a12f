#include "portal/portal_routes.hpp"

#include <unordered_set>

#include "common/crypto.hpp"
#include "contacts/contact_routes.hpp"
#include "http/auth_fields.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "orders/customer_catalog.hpp"
#include "orders/order_input.hpp"
#include "orders/order_json.hpp"
#include "settings/settings.hpp"

namespace cartera::portal {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

constexpr int64_t kCookieMaxAge = kSessionLifetimeMicros / 1000000;
constexpr std::array<std::string_view, 2> kOrderScopes = {"mine", "customer"};
constexpr std::array<std::string_view, 2> kKinds = {"order", "quote"};

json::object CustomerJson(const customers::Customer& customer) {
  return {{"id", std::to_string(customer.id)},
          {"name", customer.name},
          {"currency", customer.currency},
          {"language", customer.language},
          {"shared_account", customer.shared_account},
          {"registration_status", customer.registration_status}};
}

// The login answer: token, contact and customer.
json::object SessionJson(const PortalSession& session, const customers::Customer& customer) {
  return {{"token", session.token},
          {"contact", contacts::ToJson(session.contact)},
          {"customer", CustomerJson(customer)}};
}

// The session cookie (HttpOnly) and the CSRF cookie the page reads.
Response WithSessionCookies(Response response, const PortalSession& session) {
  response.SetHeader("Set-Cookie",
                     http::CookieHeader(kSessionCookie, session.token, true, kCookieMaxAge));
  response.SetHeader("Set-Cookie",
                     http::CookieHeader(kCsrfCookie, session.csrf_token, false, kCookieMaxAge));
  return response;
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

}  // namespace

void RegisterRoutes(http::Router& router, const PortalServices& services) {
  PortalAuth& auth = services.auth;
  storage::Database& database = services.database;
  customers::CustomerRepository& customers = services.customers;
  contacts::ContactService& contacts = services.contacts;
  orders::OrderService& orders = services.orders;

  // The signed-in contact's customer, read fresh.
  const auto customer_of = [&database, &customers](const http::Principal& principal) {
    auto connection = database.Acquire();
    return customers.FindById(*connection, principal.customer_id);
  };
  const auto session_json = [customer_of](const PortalSession& session) {
    http::Principal principal;
    principal.customer_id = session.contact.customer_id;
    const auto customer = customer_of(principal);
    return SessionJson(session, customer.value_or(customers::Customer{}));
  };
  const auto session_response = [session_json](const PortalSession& session) {
    return WithSessionCookies(http::JsonResponse(200, session_json(session)), session);
  };

  router.Add("GET", "/api/v1/portal/store", Access::kPublic, [&database](Request&) {
    auto connection = database.Acquire();
    const settings::Settings store = settings::Load(*connection);
    return http::JsonResponse(
        200, {{"name", store.store_name},
              {"default_language", store.default_language},
              {"registration_mode", settings::RegistrationModeName(store.registration_mode)},
              {"price_visibility", settings::PriceVisibilityName(store.price_visibility)}});
  });

  router.Add(
      "POST", "/api/v1/portal/login", Access::kPublic, [&auth, session_response](Request& request) {
        auto credentials = ReadCredentials(request);
        if (!credentials.ok()) return http::ProblemResponse(credentials.error());
        auto session = auth.Login(credentials->email, credentials->password, request.remote_ip);
        if (!session.ok()) return http::ProblemResponse(session.error());
        return session_response(*session);
      });

  router.Add("POST", "/api/v1/portal/logout", Access::kContact, [&auth](Request& request) {
    auth.Logout(request.principal);
    Response response = http::NoContent();
    response.SetHeader("Set-Cookie", http::CookieHeader(kSessionCookie, "", true, 0));
    response.SetHeader("Set-Cookie", http::CookieHeader(kCsrfCookie, "", false, 0));
    return response;
  });

  router.Add(
      "POST", "/api/v1/portal/register", Access::kPublic, [&auth, session_json](Request& request) {
        auto body = http::ParseJsonObject(request.body);
        if (!body.ok()) return http::ProblemResponse(body.error());
        http::FieldReader reader(*body);
        Registration registration;
        const auto text = [&reader](std::string_view name, size_t max, bool required) {
          return reader
              .String(name, {.max_length = max, .required = required, .nullable = !required})
              .value;
        };
        registration.company_name = text("company_name", 200, true).value_or("");
        registration.first_name = text("first_name", contacts::kMaxNameLength, true).value_or("");
        registration.last_name = text("last_name", contacts::kMaxNameLength, false);
        const auto email = reader.String("email", {.max_length = 254, .required = true});
        http::CheckEmail(reader, email);
        registration.email = email.value.value_or("");
        const auto password = reader.String(
            "password",
            {.max_length = http::kMaxPasswordLength, .required = true, .nullable = false});
        http::CheckPassword(reader, password);
        registration.password = password.value.value_or("");
        registration.phone = text("phone", contacts::kMaxPhoneLength, false);
        registration.tax_id = text("tax_id", 50, false);
        if (const auto language =
                reader.Enum("language", std::array<std::string_view, 2>{"es", "en"}, true);
            language.value) {
          registration.language = language.value;
        }
        if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
        auto registered = auth.Register(registration, request.remote_ip);
        if (!registered.ok()) return http::ProblemResponse(registered.error());
        if (registered->session) {
          // Direct mode: signed in at once, the session as login answers it.
          return WithSessionCookies(
              http::JsonResponse(
                  201, {{"status", "active"}, {"session", session_json(*registered->session)}}),
              *registered->session);
        }
        return http::JsonResponse(201, {{"status", "pending_validation"}});
      });

  router.Add("POST", "/api/v1/portal/password-reset", Access::kPublic, [&auth](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    const auto email = reader.String("email", {.max_length = 254, .required = true});
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    auth.RequestPasswordReset(*email.value);
    return http::JsonResponse(202, {{"status", "queued"}});
  });

  // Reads {token, password}.
  const auto token_and_password =
      [](const Request& request) -> Result<std::pair<std::string, std::string>> {
    TRY_ASSIGN(const json::object body, http::ParseJsonObject(request.body));
    http::FieldReader reader(body);
    const auto token = reader.String("token", {.max_length = 200, .required = true});
    const auto password = reader.String(
        "password", {.max_length = http::kMaxPasswordLength, .required = true, .nullable = false});
    http::CheckPassword(reader, password);
    if (!reader.ok()) return ValidationError(reader.errors());
    return std::make_pair(*token.value, *password.value);
  };

  router.Add("POST", "/api/v1/portal/password-reset/confirm", Access::kPublic,
             [&auth, token_and_password](Request& request) {
               auto input = token_and_password(request);
               if (!input.ok()) return http::ProblemResponse(input.error());
               if (auto done = auth.ConfirmPasswordReset(input->first, input->second); !done.ok()) {
                 return http::ProblemResponse(done.error());
               }
               return http::NoContent();
             });

  router.Add("POST", "/api/v1/portal/invitation/accept", Access::kPublic,
             [&auth, token_and_password, session_response](Request& request) {
               auto input = token_and_password(request);
               if (!input.ok()) return http::ProblemResponse(input.error());
               auto session = auth.AcceptInvitation(input->first, input->second, request.remote_ip);
               if (!session.ok()) return http::ProblemResponse(session.error());
               return session_response(*session);
             });

  router.Add("GET", "/api/v1/portal/me", Access::kContact,
             [&contacts, &orders, customer_of](Request& request) {
               const auto contact = contacts.Find(request.principal.id);
               const auto customer = customer_of(request.principal);
               if (!contact || !customer) return http::ProblemResponse(NotFound("contact"));
               json::object customer_json = CustomerJson(*customer);
               // Balances only for those who may see invoices (billing contacts).
               if (contact->Can("view_invoices")) {
                 if (auto credit = orders.CreditOf(customer->id); credit.ok()) {
                   customer_json["credit"] = orders::ToJson(*credit);
                 }
               }
               return http::JsonResponse(
                   200, {{"contact", contacts::ToJson(*contact)}, {"customer", customer_json}});
             });

  router.Add("PATCH", "/api/v1/portal/me", Access::kContact, [&contacts](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    contacts::ContactInput input = ReadContactInput(reader, contacts::ContactFields::kSelf);
    const auto current_password =
        reader.String("current_password", {.max_length = http::kMaxPasswordLength});
    if (input.password && !current_password.value) {
      reader.AddError("current_password", "required", "Your current password.");
    }
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    if (input.password && !contacts.CheckPassword(request.principal.id, *current_password.value)) {
      return http::ProblemResponse(MakeError(ErrorCode::kUnauthenticated, "invalid_credentials",
                                             "Your current password is not this one."));
    }
    auto updated = contacts.Update(request.principal.id, input, std::nullopt,
                                   history::ActorOf(request.principal));
    if (!updated.ok()) return http::ProblemResponse(updated.error());
    return http::JsonResponse(200, contacts::ToJson(*updated));
  });

  router.Add(
      "GET", "/api/v1/portal/catalog", Access::kPublic,
      [&auth, &database, &customers, &contacts](Request& request) {
        orders::CatalogQuery query;
        std::vector<FieldError> errors;
        if (auto q = request.QueryValue("q"); q && !q->empty()) {
          if (q->size() > 200) errors.push_back({"q", "too_long", "At most 200 characters."});
          query.q = std::string(*q);
        }
        http::ReadPaging(request, 50, query.limit, query.cursor, errors);
        if (!errors.empty()) return http::ProblemResponse(ValidationError(std::move(errors)));
        const auto principal = auth.Visitor(request);
        auto connection = database.Acquire();
        const settings::Settings store = settings::Load(*connection);
        // A visitor buys nothing: it sees every active product at base prices in the store's
        // currency (when prices are for everyone).
        customers::Customer buyer;
        buyer.currency = store.default_currency;
        buyer.language = store.default_language;
        std::optional<contacts::Contact> contact;
        if (principal) {
          auto found = customers.FindById(*connection, principal->customer_id);
          contact = contacts::FindContact(*connection, principal->id);
          if (!found || !contact) return http::ProblemResponse(NotFound("customer"));
          buyer = std::move(*found);
        }
        // F13: the server decides, and a caller without the right gets no price fields at all.
        const bool prices_visible =
            store.price_visibility == settings::PriceVisibility::kEveryone
                ? (!contact || contact->Can("view_prices"))
                : store.price_visibility == settings::PriceVisibility::kSignedIn && contact &&
                      contact->Can("view_prices");
        auto page = orders::CustomerCatalog::List(*connection, buyer, query);
        if (!page.ok()) return http::ProblemResponse(page.error());
        std::unordered_set<int64_t> favorites;
        if (contact) {
          for (const auto& row :
               connection->Query("SELECT product_id FROM contact_favorites WHERE contact_id = $1",
                                 {contact->id})) {
            favorites.insert(row.Int(0));
          }
        }
        json::array items;
        for (const auto& offer : page->items) {
          json::object item{
              {"id", std::to_string(offer.id)},
              {"sku", offer.sku},
              {"name", offer.name},
              {"product_type_id", offer.product_type_id
                                      ? json::value(std::to_string(*offer.product_type_id))
                                      : json::value(nullptr)},
              {"available", offer.available},
              {"favorite", favorites.contains(offer.id)}};
          if (prices_visible) {
            item["base_price_minor"] = offer.base_price_minor.value_or(0);
            item["price_minor"] = contact ? offer.price_minor : offer.base_price_minor.value_or(0);
          }
          items.push_back(std::move(item));
        }
        return http::JsonResponse(
            200, {{"prices_visible", prices_visible},
                  {"currency", buyer.currency},
                  {"items", std::move(items)},
                  {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
      });

  router.Add("GET", "/api/v1/portal/orders", Access::kContact, [&orders](Request& request) {
    orders::OrderQuery query;
    std::vector<FieldError> errors;
    std::optional<std::string> scope;
    http::ReadQueryEnum(request, "scope", kOrderScopes, scope, errors);
    http::ReadPaging(request, 50, query.limit, query.cursor, errors);
    if (!errors.empty()) return http::ProblemResponse(ValidationError(std::move(errors)));
    query.customer_id = request.principal.customer_id;
    if (scope.value_or("mine") == "mine") query.contact_id = request.principal.id;
    return contacts::OrdersResponse(orders, query);
  });

  router.Add("GET", "/api/v1/portal/orders/{id}", Access::kContact, [&orders](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    auto order = id ? orders.Find(*id) : std::nullopt;
    // Another customer's order does not exist for this contact.
    if (!order || order->customer_id != request.principal.customer_id) {
      return http::ProblemResponse(NotFound("order"));
    }
    return orders::OrderResponse(200, *order);
  });

  router.Add("POST", "/api/v1/portal/orders", Access::kContact,
             [&orders, &contacts, customer_of](Request& request) {
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               const auto contact = contacts.Find(request.principal.id);
               const auto customer = customer_of(request.principal);
               if (!contact || !customer) return http::ProblemResponse(NotFound("contact"));
               orders::PlaceRequest place;
               if (auto key = orders::ReadIdempotencyKey(
                       request, "contact:" + std::to_string(contact->id), place);
                   !key.ok()) {
                 return http::ProblemResponse(key.error());
               }
               http::FieldReader reader(*body);
               place.kind = reader.Enum("kind", kKinds, false).value.value_or("order");
               const std::string_view needed =
                   place.kind == "quote" ? "request_quotes" : "place_orders";
               if (!contact->Can(needed)) {
                 return http::ProblemResponse(MakeError(
                     ErrorCode::kPermissionDenied, "permission_required",
                     "Your account may not " +
                         std::string(place.kind == "quote" ? "ask for quotes." : "place orders.")));
               }
               // F15: on a shared account every order names its buyer.
               orders::ReadBuyer(*body, reader, customer->shared_account, place);
               place.lines = orders::ReadLines(*body, reader);
               place.note = reader.String("note", {.max_length = orders::kMaxNoteLength}).value;
               if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               if (!customer->shared_account) {
                 place.buyer_name = contact->FullName();
                 place.buyer_email = contact->email;
               }
               place.source = "portal";
               place.customer_id = customer->id;
               place.contact_id = contact->id;
               place.actor = orders::Actor{"contact", contact->id, contact->FullName()};
               auto placed = orders.Place(place);
               if (!placed.ok()) return http::ProblemResponse(placed.error());
               return orders::PlacedResponse(*placed);
             });

  router.Add("GET", "/api/v1/portal/favorites", Access::kContact, [&contacts](Request& request) {
    auto favorites = contacts.Favorites(request.principal.id);
    if (!favorites.ok()) return http::ProblemResponse(favorites.error());
    return http::JsonResponse(200, {{"items", contacts::FavoritesJson(*favorites)}});
  });

  router.Add("PUT", "/api/v1/portal/favorites/{product_id}", Access::kContact,
             [&contacts, &database, &customers](Request& request) {
               const auto product = ParseId(request.PathParam("product_id"));
               if (!product) return http::ProblemResponse(NotFound("product"));
               // Only a product the contact's customer may buy.
               {
                 auto connection = database.Acquire();
                 const auto customer =
                     customers.FindById(*connection, request.principal.customer_id);
                 const auto offers =
                     customer ? orders::CustomerCatalog::ByIds(*connection, *customer, {*product})
                              : std::vector<orders::Offer>{};
                 if (offers.empty() || offers.front().Refusal() == "not_in_catalog") {
                   return http::ProblemResponse(NotFound("product"));
                 }
               }
               if (auto added = contacts.AddFavorite(request.principal.id, *product); !added.ok()) {
                 return http::ProblemResponse(added.error());
               }
               return http::NoContent();
             });

  router.Add("DELETE", "/api/v1/portal/favorites/{product_id}", Access::kContact,
             [&contacts](Request& request) {
               const auto product = ParseId(request.PathParam("product_id"));
               if (!product) return http::ProblemResponse(NotFound("product"));
               if (auto removed = contacts.RemoveFavorite(request.principal.id, *product);
                   !removed.ok()) {
                 return http::ProblemResponse(removed.error());
               }
               return http::NoContent();
             });
}

}  // namespace cartera::portal
