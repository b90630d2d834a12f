#pragma once

#include "customers/tag_service.hpp"
#include "http/router.hpp"

namespace cartera::customers {

// GET /api/v1/tags (suggestions) and POST /api/v1/customers/bulk/tags.
void RegisterTagRoutes(http::Router& router, TagService& tags);

}  // namespace cartera::customers
