#include "settings/settings_routes.hpp"

#include "http/json_input.hpp"
#include "http/problem.hpp"

namespace cartera::settings {

void RegisterRoutes(http::Router& router, SettingsService& settings) {
  router.Add("GET", "/api/v1/settings", http::Access::kStaffRead, [&settings](http::Request&) {
    return http::JsonResponse(200, ToJson(settings.Get()));
  });
  router.Add("PATCH", "/api/v1/settings", http::Access::kStaffAdmin,
             [&settings](http::Request& request) {
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               auto patched = settings.Patch(*body);
               if (!patched.ok()) return http::ProblemResponse(patched.error());
               return http::JsonResponse(200, ToJson(*patched));
             });
}

}  // namespace cartera::settings
