#pragma once

#include "http/router.hpp"
#include "settings/settings.hpp"

namespace cartera::settings {

// GET /api/v1/settings (any staff), PATCH (owner, admin).
void RegisterRoutes(http::Router& router, SettingsService& settings);

}  // namespace cartera::settings
