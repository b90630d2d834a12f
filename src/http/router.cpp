#include "http/router.hpp"

#include <algorithm>
#include <exception>

#include "common/log.hpp"
#include "http/problem.hpp"

namespace cartera::http {
namespace {

// The one place where a handler's failure becomes problem+json.
Response Answer(Result<Response> result) {
  if (!result.ok()) return ProblemResponse(result.error());
  return std::move(result).value();
}

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool ChangesState(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool Allows(Access access, const Principal& principal) {
  if (access == Access::kPublic) return true;
  if (access == Access::kContact) return principal.kind == PrincipalKind::kContact;
  if (principal.kind != PrincipalKind::kStaff) return false;
  const StaffRole role = principal.role;
  switch (access) {
    case Access::kStaffWrite:
      return role == StaffRole::kOwner || role == StaffRole::kAdmin || role == StaffRole::kSales;
    case Access::kStaffAdmin:
      return role == StaffRole::kOwner || role == StaffRole::kAdmin;
    default:
      return true;
  }
}

bool IsParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Access access, Handler handler,
                 RouteOptions options) {
  std::vector<std::string> segments;
  for (const auto segment : Split(pattern)) segments.emplace_back(segment);
  std::string name = method + " " + pattern;
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler),
                          std::move(segments), std::move(name), options});
}

const RouteOptions* Router::OptionsFor(std::string_view method, std::string_view path) const {
  bool path_matched = false;
  const Route* route = Find(method, path, path_matched);
  return route ? &route->options : nullptr;
}

size_t Router::BodyLimit(std::string_view method, std::string_view path) const {
  const RouteOptions* options = OptionsFor(method, path);
  return options ? options->max_body_bytes : 0;
}

std::optional<Error> Router::CheckBeforeBody(Request& request) const {
  bool path_matched = false;
  const Route* route = Find(request.method, request.path, path_matched);
  if (!route || route->options.max_body_bytes == 0) return std::nullopt;
  return Admit(*route, request);
}

std::optional<Error> Router::Admit(const Route& route, Request& request) const {
  if (route.access == Access::kPublic) return std::nullopt;
  Result<Principal> principal = authenticator_(request, route.access);
  if (!principal.ok()) return principal.error();
  request.principal = std::move(principal).value();
  if (request.principal.via_cookie && ChangesState(request.method) && !request.principal.csrf_ok) {
    return MakeError(ErrorCode::kPermissionDenied, "csrf_failed",
                     "Missing or wrong X-CSRF-Token header.");
  }
  if (!Allows(route.access, request.principal)) {
    return MakeError(ErrorCode::kPermissionDenied, "forbidden",
                     "Your role does not allow this action.");
  }
  return std::nullopt;
}

size_t Router::LargestBodyLimit() const {
  size_t largest = 0;
  for (const Route& route : routes_) largest = std::max(largest, route.options.max_body_bytes);
  return largest;
}

const Route* Router::Find(std::string_view method, std::string_view path,
                          bool& path_matched) const {
  const auto segments = Split(path);
  const Route* best = nullptr;
  int best_literals = -1;
  for (const Route& route : routes_) {
    const auto& pattern = route.segments;
    if (pattern.size() != segments.size()) continue;
    int literals = 0;
    bool matches = true;
    for (size_t i = 0; i < pattern.size() && matches; ++i) {
      if (IsParameter(pattern[i])) {
        matches = !segments[i].empty();
      } else if (pattern[i] == segments[i]) {
        ++literals;
      } else {
        matches = false;
      }
    }
    if (!matches) continue;
    path_matched = true;
    const bool method_ok = route.method == method || (method == "HEAD" && route.method == "GET");
    // A literal segment beats a parameter: /customers/export before /customers/{id}.
    if (method_ok && literals > best_literals) {
      best = &route;
      best_literals = literals;
    }
  }
  return best;
}

const Route* Router::Match(Request& request, bool& path_matched) const {
  const Route* best = Find(request.method, request.path, path_matched);
  if (best) {
    const auto segments = Split(request.path);
    for (size_t i = 0; i < best->segments.size(); ++i) {
      const std::string& segment = best->segments[i];
      if (IsParameter(segment)) {
        request.path_params.emplace_back(segment.substr(1, segment.size() - 2),
                                         std::string(segments[i]));
      }
    }
  }
  return best;
}

Response Router::Handle(Request& request, std::string_view& route_name) const {
  bool path_matched = false;
  const Route* route = Match(request, path_matched);
  if (!route) {
    route_name = "other";
    const bool api = request.path.rfind("/api/", 0) == 0;
    if (!api && fallback_ && (request.method == "GET" || request.method == "HEAD")) {
      route_name = "static";
      return Answer(fallback_(request));
    }
    if (path_matched) {
      return ProblemResponse(MakeError(ErrorCode::kMethodNotAllowed, "method_not_allowed",
                                       "This method is not allowed on this path."))
          .SetHeader("Allow", "GET, POST, PATCH, PUT, DELETE");
    }
    return ProblemResponse(NotFound("path"));
  }
  route_name = route->name;
  try {
    if (auto refused = Admit(*route, request)) return ProblemResponse(*refused);
    return Answer(route->handler(request));
  } catch (const std::exception& exception) {
    log::Error("unhandled_exception", {{"route", route_name}, {"what", exception.what()}});
    return ProblemResponse(MakeError(ErrorCode::kInternal, "internal",
                                     "Something went wrong on our side; it has been logged."));
  }
}

}  // namespace cartera::http
