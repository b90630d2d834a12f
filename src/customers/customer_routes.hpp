#pragma once

#include "customers/customer_service.hpp"
#include "http/router.hpp"

namespace cartera::customers {

// /api/v1/customers and /api/v1/customers/{id}.
void RegisterRoutes(http::Router& router, CustomerService& service);

}  // namespace cartera::customers
