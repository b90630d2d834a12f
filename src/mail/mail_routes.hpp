#pragma once

#include "http/router.hpp"
#include "storage/database.hpp"

namespace cartera::mail {

// GET /api/v1/customers/{id}/messages: the customer's outbox, newest first (staff read).
void RegisterRoutes(http::Router& router, storage::Database& database);

}  // namespace cartera::mail
