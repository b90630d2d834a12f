#pragma once

#include <functional>
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
};

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/customers/{id}"
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // the pattern split on '/', computed once by Add
  std::string name;                   // "GET /api/v1/customers/{id}", for metrics
};

// Maps method + path to a handler, after authentication, CSRF and role checks. Pure: no
// sockets, so it is tested directly.
class Router {
 public:
  // Establishes the caller from the request; an error becomes the response (401).
  using Authenticator = std::function<Result<Principal>(const Request&)>;

  explicit Router(Authenticator authenticator) : authenticator_(std::move(authenticator)) {}

  void Add(std::string method, std::string pattern, Access access, Handler handler);
  // Answers GET/HEAD requests outside /api/ that match no route (the web app).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Handles one request. `route_name` receives the matched route's name (for metrics; it lives
  // as long as the router), "static" or "other".
  Response Handle(Request& request, std::string_view& route_name) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  const Route* Match(Request& request, bool& path_matched) const;

  Authenticator authenticator_;
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace cartera::http
