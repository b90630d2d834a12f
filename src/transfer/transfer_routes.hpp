#pragma once

#include "http/router.hpp"
#include "storage/database.hpp"
#include "transfer/export_service.hpp"
#include "transfer/import_service.hpp"

namespace cartera::transfer {

// The largest import body: a 200,000-row spreadsheet.
inline constexpr size_t kMaxImportBytes = 50 << 20;

// GET /api/v1/customers/export, POST /api/v1/customers/import and
// GET /api/v1/staff/{id}/events.
void RegisterRoutes(http::Router& router, ExportService& exports, ImportService& imports,
                    storage::Database& database);

}  // namespace cartera::transfer
