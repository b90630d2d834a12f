#pragma once

#include "addresses/address_service.hpp"
#include "http/router.hpp"

namespace cartera::addresses {

// /api/v1/customers/{id}/addresses (GET, POST) and /api/v1/addresses/{id} (GET, PATCH, DELETE).
void RegisterRoutes(http::Router& router, AddressService& addresses);

}  // namespace cartera::addresses
