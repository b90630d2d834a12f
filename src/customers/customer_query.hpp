#pragma once

#include "common/result.hpp"
#include "customers/customer_repository.hpp"
#include "http/request.hpp"

namespace cartera::customers {

// Reads the customer list query (q, status, temperature, tag…, account_status,
// registration_status, sort, limit, cursor, include_total), shared by the list and the export.
// Errors: kValidation naming each bad parameter (bad enum values, limits, too many tags).
Result<ListQuery> ParseListQuery(const http::Request& request);

}  // namespace cartera::customers
