#pragma once

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace cartera::app {

// /healthz, /readyz, /metrics and /api/v1/openapi.json.
void RegisterSystemRoutes(http::Router& router, storage::Database& database,
                          http::Metrics& metrics);

}  // namespace cartera::app
