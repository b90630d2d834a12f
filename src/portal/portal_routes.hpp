#pragma once

#include "contacts/contact_service.hpp"
#include "customers/customer_repository.hpp"
#include "http/router.hpp"
#include "orders/order_service.hpp"
#include "portal/portal_auth.hpp"
#include "storage/database.hpp"

namespace cartera::portal {

struct PortalServices {
  PortalAuth& auth;
  storage::Database& database;  // for the PortalService the routes build
  customers::CustomerRepository& customers;
  contacts::ContactService& contacts;
  orders::OrderService& orders;
};

// /api/v1/portal/…: sign-in, registration, password reset, invitations (public); the signed-in
// contact's profile, orders and favourites (Access::kContact); the catalogue (both).
void RegisterRoutes(http::Router& router, const PortalServices& services);

}  // namespace cartera::portal
