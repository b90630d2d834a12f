#include "staff/staff_routes.hpp"

#include <array>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "common/validation.hpp"
#include "http/auth_fields.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::staff {
namespace {

namespace json = boost::json;
using http::Access;
using http::CheckEmail;
using http::CheckPassword;
using http::CookieHeader;
using http::Request;
using http::Response;

constexpr std::array<std::string_view, 4> kRoles = {"owner", "admin", "sales", "viewer"};

json::object UserSummary(const StaffUser& user) {
  return {{"id", std::to_string(user.id)},
          {"email", user.email},
          {"name", user.name},
          {"role", user.role}};
}

json::object UserJson(const StaffUser& user) {
  json::object object = UserSummary(user);
  object["active"] = user.active;
  object["created_at"] = time::FormatRfc3339(user.created_at);
  object["updated_at"] = time::FormatRfc3339(user.updated_at);
  object["version"] = user.version;
  return object;
}

}  // namespace

void RegisterRoutes(http::Router& router, AuthService& auth, StaffRepository& repository) {
  router.Add("POST", "/api/v1/auth/login", Access::kPublic, [&auth](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    const auto email = reader.String("email", {.max_length = 254, .required = true});
    // Passwords are not trimmed: read the raw string.
    const auto password_value = body->find("password");
    if (password_value == body->end() || !password_value->value().is_string() ||
        password_value->value().as_string().empty()) {
      reader.AddError("password", "required", "This field is required.");
    }
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    const std::string password(password_value->value().as_string());
    auto result = auth.Login(*email.value, password, request.remote_ip);
    if (!result.ok()) return http::ProblemResponse(result.error());
    constexpr int64_t kMaxAge = AuthService::kSessionLifetimeMicros / 1000000;
    Response response =
        http::JsonResponse(200, {{"token", result->token}, {"user", UserSummary(result->user)}});
    response.SetHeader("Set-Cookie", CookieHeader("cartera_session", result->token, true, kMaxAge));
    response.SetHeader("Set-Cookie",
                       CookieHeader("cartera_csrf", result->csrf_token, false, kMaxAge));
    response.SetHeader("Cache-Control", "no-store");
    return response;
  });

  router.Add("POST", "/api/v1/auth/logout", Access::kStaffRead, [&auth](Request& request) {
    auth.Logout(request.principal);
    Response response = http::NoContent();
    response.SetHeader("Set-Cookie", CookieHeader("cartera_session", "", true, 0));
    response.SetHeader("Set-Cookie", CookieHeader("cartera_csrf", "", false, 0));
    return response;
  });

  router.Add("GET", "/api/v1/auth/me", Access::kStaffRead, [](Request& request) {
    const auto& principal = request.principal;
    return http::JsonResponse(200, {{"id", std::to_string(principal.id)},
                                    {"email", principal.email},
                                    {"name", principal.name},
                                    {"role", principal.role}});
  });

  router.Add("GET", "/api/v1/staff", Access::kStaffAdmin, [&repository](Request&) {
    json::array items;
    for (const auto& user : repository.List()) items.push_back(UserJson(user));
    return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
  });

  router.Add("POST", "/api/v1/staff", Access::kStaffAdmin, [&auth](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    const auto email =
        reader.String("email", {.max_length = 254, .required = true, .nullable = false});
    const auto name =
        reader.String("name", {.max_length = 200, .required = true, .nullable = false});
    const auto role = reader.Enum("role", kRoles, false, true);
    const auto password =
        reader.String("password", {.max_length = 200, .required = true, .nullable = false});
    CheckEmail(reader, email);
    CheckPassword(reader, password);
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    if (*role.value == "owner" && request.principal.role != "owner") {
      return http::ProblemResponse(MakeError(ErrorCode::kPermissionDenied, "forbidden",
                                             "Only an owner can create another owner."));
    }
    auto user = auth.CreateUser(*email.value, *name.value, *role.value, *password.value);
    if (!user.ok()) return http::ProblemResponse(user.error());
    Response response = http::JsonResponse(201, UserJson(*user));
    return http::WithEtag(response, user->version);
  });

  router.Add(
      "PATCH", "/api/v1/staff/{id}", Access::kStaffAdmin, [&auth, &repository](Request& request) {
        const auto id = ParseId(request.PathParam("id"));
        const auto current = id ? repository.FindById(*id) : std::nullopt;
        if (!current) return http::ProblemResponse(NotFound("staff user"));
        auto body = http::ParseJsonObject(request.body);
        if (!body.ok()) return http::ProblemResponse(body.error());
        http::FieldReader reader(*body);
        const auto email = reader.String("email", {.max_length = 254, .nullable = false});
        const auto name = reader.String("name", {.max_length = 200, .nullable = false});
        const auto role = reader.Enum("role", kRoles, false);
        const auto active = reader.Bool("active");
        const auto password = reader.String("password", {.max_length = 200, .nullable = false});
        const auto version = reader.Integer("version", 1, INT64_MAX, true);
        CheckEmail(reader, email);
        CheckPassword(reader, password);
        if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
        const bool touches_owner = current->role == "owner" || role.value == "owner";
        if (touches_owner && request.principal.role != "owner") {
          return http::ProblemResponse(MakeError(ErrorCode::kPermissionDenied, "forbidden",
                                                 "Only an owner can change an owner."));
        }
        StaffChange change{email.value,  name.value,
                           role.value,   active.value,
                           std::nullopt, http::ExpectedVersion(request, version.value)};
        if (password.value) change.password_hash = crypto::HashPassword(*password.value);
        auto user = repository.Update(*id, change);
        if (!user.ok()) return http::ProblemResponse(user.error());
        auth.InvalidateCache();
        Response response = http::JsonResponse(200, UserJson(*user));
        return http::WithEtag(response, user->version);
      });

  router.Add("DELETE", "/api/v1/staff/{id}", Access::kStaffAdmin,
             [&auth, &repository](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               const auto current = id ? repository.FindById(*id) : std::nullopt;
               if (!current) return http::ProblemResponse(NotFound("staff user"));
               if (current->id == request.principal.id) {
                 return http::ProblemResponse(MakeError(ErrorCode::kConflict, "cannot_delete_self",
                                                        "You cannot delete your own account."));
               }
               if (current->role == "owner" && request.principal.role != "owner") {
                 return http::ProblemResponse(MakeError(ErrorCode::kPermissionDenied, "forbidden",
                                                        "Only an owner can delete an owner."));
               }
               repository.Delete(*id);
               auth.InvalidateCache();
               Response response = http::NoContent();
               return response;
             });

  router.Add("POST", "/api/v1/api-tokens", Access::kStaffWrite, [&auth](Request& request) {
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    const auto name =
        reader.String("name", {.max_length = 100, .required = true, .nullable = false});
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    auto token = auth.CreateApiToken(request.principal.id, *name.value);
    if (!token.ok()) return http::ProblemResponse(token.error());
    return http::JsonResponse(
        201, {{"id", std::to_string(token->id)}, {"name", *name.value}, {"token", token->token}});
  });
}

}  // namespace cartera::staff
