#include "settings/settings_routes.hpp"

#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "settings/settings_input.hpp"

namespace cartera::settings {

void RegisterRoutes(http::Router& router, SettingsService& settings,
                    std::span<const std::string_view> order_statuses) {
  router.Add("GET", "/api/v1/settings", http::Access::kStaffRead,
             [&settings](http::Request&) -> Result<http::Response> {
               return http::JsonResponse(200, ToJson(settings.Get()));
             });
  router.Add("PATCH", "/api/v1/settings", http::Access::kStaffAdmin,
             [&settings, order_statuses](http::Request& request) -> Result<http::Response> {
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto patch, ReadSettingsPatch(body, order_statuses));
               TRY_ASSIGN(const auto patched, settings.Patch(patch));
               return http::JsonResponse(200, ToJson(patched));
             });
}

}  // namespace cartera::settings
