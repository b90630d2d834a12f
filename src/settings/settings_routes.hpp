#pragma once

#include <span>
#include <string_view>

#include "http/router.hpp"
#include "settings/settings.hpp"

namespace cartera::settings {

// GET /api/v1/settings (any staff), PATCH (owner, admin). `order_statuses`: what
// notify_order_status may list (orders::kStatuses).
void RegisterRoutes(http::Router& router, SettingsService& settings,
                    std::span<const std::string_view> order_statuses);

}  // namespace cartera::settings
