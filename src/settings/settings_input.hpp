#pragma once

#include <boost/json/object.hpp>

#include <span>
#include <string_view>

#include "common/result.hpp"
#include "settings/settings.hpp"

// Reading a PATCH /api/v1/settings body (used by the routes only).
namespace cartera::settings {

// The fields present in `body`, each checked; `order_statuses` are the values
// notify_order_status may list. Errors: kValidation naming each bad field.
Result<SettingsPatch> ReadSettingsPatch(const boost::json::object& body,
                                        std::span<const std::string_view> order_statuses);

}  // namespace cartera::settings
