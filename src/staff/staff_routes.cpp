#include "staff/staff_routes.hpp"

#include <array>

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

json::object UserSummary(const StaffUser& user) {
  return {{"id", std::to_string(user.id)},
          {"email", user.email},
          {"name", user.name},
          {"role", StaffRoleName(user.role)}};
}

json::object UserJson(const StaffUser& user) {
  json::object object = UserSummary(user);
  object["active"] = user.active;
  object["created_at"] = time::FormatRfc3339(user.created_at);
  object["updated_at"] = time::FormatRfc3339(user.updated_at);
  object["version"] = user.version;
  return object;
}

Response UserResponse(unsigned status, const StaffUser& user) {
  Response response = http::JsonResponse(status, UserJson(user));
  return std::move(http::WithEtag(response, user.version));
}

std::optional<StaffRole> RoleOf(const http::Field<std::string>& field) {
  return field.value ? ParseStaffRole(*field.value) : std::nullopt;
}

}  // namespace

Result<Principal> Authenticate(AuthService& auth, const Request& request) {
  Credentials credentials;
  if (const auto authorization = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->rfind(kBearer, 0) == 0) {
      credentials.token = std::string(text::Trim(authorization->substr(kBearer.size())));
    }
  } else if (auto cookie = request.Cookie("cartera_session")) {
    credentials.token = std::move(*cookie);
    credentials.via_cookie = true;
    if (const auto header = request.Header("x-csrf-token")) credentials.csrf_token = *header;
  }
  return auth.Authenticate(credentials);
}

void RegisterRoutes(http::Router& router, AuthService& auth, StaffService& staff) {
  router.Add(
      "POST", "/api/v1/auth/login", Access::kPublic, [&auth](Request& request) -> Result<Response> {
        TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
        http::FieldReader reader(body);
        const auto email = reader.String("email", {.max_length = 254, .required = true});
        // Passwords are not trimmed: read the raw string.
        const auto* password = body.if_contains("password");
        if (!password || !password->is_string() || password->as_string().empty()) {
          reader.AddError("password", "required", "This field is required.");
        }
        if (!reader.ok()) return ValidationError(reader.errors());
        TRY_ASSIGN(const auto result,
                   auth.Login(*email.value, std::string(password->as_string()), request.remote_ip));
        constexpr int64_t kMaxAge = AuthService::kSessionLifetimeMicros / 1000000;
        Response response =
            http::JsonResponse(200, {{"token", result.token}, {"user", UserSummary(result.user)}});
        response.SetHeader("Set-Cookie",
                           CookieHeader("cartera_session", result.token, true, kMaxAge));
        response.SetHeader("Set-Cookie",
                           CookieHeader("cartera_csrf", result.csrf_token, false, kMaxAge));
        response.SetHeader("Cache-Control", "no-store");
        return response;
      });

  router.Add("POST", "/api/v1/auth/logout", Access::kStaffRead,
             [&auth](Request& request) -> Result<Response> {
               auth.Logout(request.principal);
               Response response = http::NoContent();
               response.SetHeader("Set-Cookie", CookieHeader("cartera_session", "", true, 0));
               response.SetHeader("Set-Cookie", CookieHeader("cartera_csrf", "", false, 0));
               return response;
             });

  router.Add("GET", "/api/v1/auth/me", Access::kStaffRead,
             [](Request& request) -> Result<Response> {
               const auto& principal = request.principal;
               return http::JsonResponse(200, {{"id", std::to_string(principal.id)},
                                               {"email", principal.email},
                                               {"name", principal.name},
                                               {"role", StaffRoleName(principal.role)}});
             });

  router.Add("GET", "/api/v1/staff", Access::kStaffAdmin, [&staff](Request&) -> Result<Response> {
    json::array items;
    for (const auto& user : staff.List()) items.push_back(UserJson(user));
    return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
  });

  router.Add(
      "POST", "/api/v1/staff", Access::kStaffAdmin, [&staff](Request& request) -> Result<Response> {
        TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
        http::FieldReader reader(body);
        const auto email =
            reader.String("email", {.max_length = 254, .required = true, .nullable = false});
        const auto name =
            reader.String("name", {.max_length = 200, .required = true, .nullable = false});
        const auto role = reader.Enum("role", kStaffRoleNames, false, true);
        const auto password =
            reader.String("password", {.max_length = 200, .required = true, .nullable = false});
        CheckEmail(reader, email);
        CheckPassword(reader, password);
        if (!reader.ok()) return ValidationError(reader.errors());
        TRY_ASSIGN(const auto user,
                   staff.Create(&request.principal,
                                {*email.value, *name.value, *RoleOf(role), *password.value}));
        return UserResponse(201, user);
      });

  router.Add("PATCH", "/api/v1/staff/{id}", Access::kStaffAdmin,
             [&staff](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return NotFound("staff user");
               TRY(staff.Get(*id));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const auto email = reader.String("email", {.max_length = 254, .nullable = false});
               const auto name = reader.String("name", {.max_length = 200, .nullable = false});
               const auto role = reader.Enum("role", kStaffRoleNames, false);
               const auto active = reader.Bool("active");
               const auto password =
                   reader.String("password", {.max_length = 200, .nullable = false});
               const auto version = reader.Integer("version", 1, INT64_MAX, true);
               CheckEmail(reader, email);
               CheckPassword(reader, password);
               if (!reader.ok()) return ValidationError(reader.errors());
               const StaffChange change{
                   email.value,  name.value,     RoleOf(role),
                   active.value, password.value, http::ExpectedVersion(request, version.value)};
               TRY_ASSIGN(const auto user, staff.Update(request.principal, *id, change));
               return UserResponse(200, user);
             });

  router.Add("DELETE", "/api/v1/staff/{id}", Access::kStaffAdmin,
             [&staff](Request& request) -> Result<Response> {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return NotFound("staff user");
               TRY(staff.Delete(request.principal, *id));
               return http::NoContent();
             });

  router.Add(
      "POST", "/api/v1/api-tokens", Access::kStaffWrite,
      [&auth](Request& request) -> Result<Response> {
        TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
        http::FieldReader reader(body);
        const auto name =
            reader.String("name", {.max_length = 100, .required = true, .nullable = false});
        if (!reader.ok()) return ValidationError(reader.errors());
        TRY_ASSIGN(const auto token, auth.CreateApiToken(request.principal.id, *name.value));
        return http::JsonResponse(
            201, {{"id", std::to_string(token.id)}, {"name", *name.value}, {"token", token.token}});
      });
}

}  // namespace cartera::staff
