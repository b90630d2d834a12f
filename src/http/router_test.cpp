#include "http/router.hpp"

#include <gtest/gtest.h>

namespace cartera::http {
namespace {

Response Text(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

// An authenticator that trusts a fake "role" header ("contact": a contact), so the router's
// checks are visible.
Router MakeRouter() {
  Router router([](const Request& request, Access) -> Result<Principal> {
    const auto role = request.Header("role");
    if (!role) return MakeError(ErrorCode::kUnauthenticated, "unauthenticated", "Sign in.");
    Principal principal;
    principal.kind = *role == "contact" ? PrincipalKind::kContact : PrincipalKind::kStaff;
    if (principal.kind == PrincipalKind::kStaff) {
      principal.role = ParseStaffRole(*role).value_or(StaffRole::kViewer);
    }
    principal.via_cookie = request.Header("cookie-auth").has_value();
    principal.csrf_ok = request.Header("x-csrf-token").has_value();
    return principal;
  });
  router.Add("GET", "/api/v1/customers/{id}", Access::kStaffRead, [](Request& request) {
    return Text("customer " + std::string(request.PathParam("id")));
  });
  router.Add("GET", "/api/v1/customers/export", Access::kStaffRead,
             [](Request&) { return Text("export"); });
  router.Add("POST", "/api/v1/customers", Access::kStaffWrite,
             [](Request&) { return Text("made"); });
  router.Add("GET", "/api/v1/staff", Access::kStaffAdmin, [](Request&) { return Text("staff"); });
  router.Add("GET", "/healthz", Access::kPublic, [](Request&) { return Text("ok"); });
  router.Add("GET", "/api/v1/portal/me", Access::kContact, [](Request&) { return Text("me"); });
  router.SetFallback([](Request&) { return Text("app"); });
  return router;
}

Response Call(const Router& router, std::string method, std::string path,
              std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.headers = std::move(headers);
  std::string_view route;
  return router.Handle(request, route);
}

TEST(Router, MatchesParametersAndPrefersLiterals) {
  const Router router = MakeRouter();
  EXPECT_EQ(Call(router, "GET", "/api/v1/customers/42", {{"role", "viewer"}}).body, "customer 42");
  EXPECT_EQ(Call(router, "GET", "/api/v1/customers/export", {{"role", "viewer"}}).body, "export");
  EXPECT_EQ(Call(router, "GET", "/healthz").body, "ok");
}

TEST(Router, UnknownApiPathIs404AndOtherPathsGetTheApp) {
  const Router router = MakeRouter();
  EXPECT_EQ(Call(router, "GET", "/api/v1/nothing").status, 404U);
  EXPECT_EQ(Call(router, "GET", "/admin/customers/7").body, "app");
  EXPECT_EQ(Call(router, "DELETE", "/api/v1/customers", {{"role", "owner"}}).status, 405U);
}

TEST(Router, RefusesWithoutSessionWrongRoleOrCsrf) {
  const Router router = MakeRouter();
  EXPECT_EQ(Call(router, "GET", "/api/v1/customers/1").status, 401U);
  EXPECT_EQ(Call(router, "POST", "/api/v1/customers", {{"role", "viewer"}}).status, 403U);
  EXPECT_EQ(Call(router, "POST", "/api/v1/customers", {{"role", "sales"}}).status, 200U);
  EXPECT_EQ(Call(router, "GET", "/api/v1/staff", {{"role", "sales"}}).status, 403U);
  EXPECT_EQ(Call(router, "GET", "/api/v1/staff", {{"role", "admin"}}).status, 200U);
  const auto no_csrf =
      Call(router, "POST", "/api/v1/customers", {{"role", "owner"}, {"cookie-auth", "1"}});
  EXPECT_EQ(no_csrf.status, 403U);
  EXPECT_NE(no_csrf.body.find("csrf_failed"), std::string::npos);
  EXPECT_EQ(Call(router, "POST", "/api/v1/customers",
                 {{"role", "owner"}, {"cookie-auth", "1"}, {"x-csrf-token", "t"}})
                .status,
            200U);
}

// A contact reaches contact routes only, and staff only staff routes, whatever the role.
TEST(Router, ContactsAndStaffEachReachOnlyTheirOwnRoutes) {
  const Router router = MakeRouter();
  EXPECT_EQ(Call(router, "GET", "/api/v1/portal/me", {{"role", "contact"}}).body, "me");
  EXPECT_EQ(Call(router, "GET", "/api/v1/portal/me", {{"role", "owner"}}).status, 403U);
  EXPECT_EQ(Call(router, "GET", "/api/v1/portal/me").status, 401U);
  EXPECT_EQ(Call(router, "GET", "/api/v1/customers/1", {{"role", "contact"}}).status, 403U);
  EXPECT_EQ(Call(router, "GET", "/api/v1/staff", {{"role", "contact"}}).status, 403U);
}

TEST(Router, RoutesMayHaveTheirOwnBodyLimitCheckedBeforeTheBody) {
  Router router = MakeRouter();
  router.Add(
      "POST", "/api/v1/customers/{id}/files", Access::kStaffWrite,
      [](Request&) { return Text("stored"); },
      RouteOptions{.max_body_bytes = 5000, .body_timeout = std::chrono::seconds(90)});
  EXPECT_EQ(router.BodyLimit("POST", "/api/v1/customers/7/files"), 5000U);
  EXPECT_EQ(router.OptionsFor("POST", "/api/v1/customers/7/files")->body_timeout.count(), 90);
  EXPECT_EQ(router.BodyLimit("POST", "/api/v1/customers"), 0U);  // the server's default
  EXPECT_EQ(router.BodyLimit("GET", "/api/v1/customers/7/files"), 0U);
  EXPECT_EQ(router.OptionsFor("GET", "/nothing"), nullptr);
  EXPECT_EQ(router.LargestBodyLimit(), 5000U);

  const auto check = [&](std::string method, std::string path,
                         std::vector<std::pair<std::string, std::string>> headers) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.headers = std::move(headers);
    return router.CheckBeforeBody(request);
  };
  const auto anonymous = check("POST", "/api/v1/customers/7/files", {});
  ASSERT_TRUE(anonymous.has_value());
  EXPECT_EQ(anonymous->code, ErrorCode::kUnauthenticated);
  const auto viewer = check("POST", "/api/v1/customers/7/files", {{"role", "viewer"}});
  ASSERT_TRUE(viewer.has_value());
  EXPECT_EQ(viewer->api_code, "forbidden");
  EXPECT_FALSE(check("POST", "/api/v1/customers/7/files", {{"role", "sales"}}).has_value());
  // Routes without a limit of their own are checked as usual, after the body.
  EXPECT_FALSE(check("POST", "/api/v1/customers", {}).has_value());
}

}  // namespace
}  // namespace cartera::http
