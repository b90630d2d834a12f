#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "http/request.hpp"

namespace cartera::http {

// Who may call a route. Checked by the router before the handler runs.
enum class Access {
  kPublic,      // anyone
  kStaffRead,   // any signed-in staff user
  kStaffWrite,  // staff who may change data: owner, admin, sales (not viewer)
  kStaffAdmin,  // owner and admin
  kContact,     // a signed-in contact of a customer (the portal)
};

// A handler answers with a response or an expected failure, so routes can use TRY; the router
// turns the failure into problem+json (the one place that does). A lambda returning Response
// converts implicitly.
using Handler = std::function<Result<Response>(Request&)>;

// What a route needs beyond the defaults of the server.
struct RouteOptions {
  // The largest request body this route accepts; 0: the server's default (--max-body-bytes).
  // Such a route's caller is authenticated and authorised from the header, before the body is
  // read (see Router::CheckBeforeBody).
  size_t max_body_bytes = 0;
  // How long its body may take to arrive; 0: the server's default.
  std::chrono::seconds body_timeout{0};
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/customers/{id}"
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // the pattern split on '/', computed once by Add
  std::string name;                   // "GET /api/v1/customers/{id}", for metrics
  RouteOptions options;
};

// Maps method + path to a handler, after authentication, CSRF and role checks. Pure: no
// sockets, so it is tested directly.
class Router {
 public:
  // Establishes the caller from the request for a route of `access` (staff or contact
  // credentials); an error becomes the response (401).
  using Authenticator = std::function<Result<Principal>(const Request&, Access access)>;

  explicit Router(Authenticator authenticator) : authenticator_(std::move(authenticator)) {}

  void Add(std::string method, std::string pattern, Access access, Handler handler,
           RouteOptions options = {});
  // Answers GET/HEAD requests outside /api/ that match no route (the web app).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Handles one request. `route_name` receives the matched route's name (for metrics; it lives
  // as long as the router), "static" or "other".
  Response Handle(Request& request, std::string_view& route_name) const;

  const std::vector<Route>& routes() const { return routes_; }

  // The options of the route that `method` and the decoded `path` reach (nullptr when none
  // does). The server asks after reading a request's header, before reading its body.
  const RouteOptions* OptionsFor(std::string_view method, std::string_view path) const;
  // The body limit of that route: its own max_body_bytes, or 0 when it has none (or no route
  // matches) and the server's default applies.
  size_t BodyLimit(std::string_view method, std::string_view path) const;
  // The largest max_body_bytes of any route (0 when none sets one).
  size_t LargestBodyLimit() const;
  // For a route with its own body limit (uploads): the refusal (401, 403) its caller gets, from
  // the request's header alone, so that nobody else can make the server receive a large body.
  // nullopt when the caller may go on, or the route has no limit of its own.
  std::optional<Error> CheckBeforeBody(Request& request) const;

 private:
  const Route* Find(std::string_view method, std::string_view path, bool& path_matched) const;
  const Route* Match(Request& request, bool& path_matched) const;
  // Authenticates the caller of `route` into request.principal and checks CSRF and role.
  std::optional<Error> Admit(const Route& route, Request& request) const;

  Authenticator authenticator_;
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace cartera::http
