#pragma once

#include <string>

#include "customers/customer_repository.hpp"
#include "http/router.hpp"
#include "orders/order_service.hpp"
#include "orders/quick_link_service.hpp"
#include "storage/database.hpp"

namespace cartera::orders {

struct OrderSettings {
  std::string public_url;                // base of quick-order URLs; empty: from the request's Host
  int64_t quick_orders_per_minute = 30;  // new orders one quick-order link may place
};

// Staff: /api/v1/orders…, /api/v1/customers/{id}/{credit,catalog,quick-links},
// /api/v1/quick-links/{id}…. Public: /api/v1/q/{token}….
void RegisterRoutes(http::Router& router, storage::Database& database, OrderService& orders,
                    QuickLinkService& links, customers::CustomerRepository& customers,
                    OrderSettings settings);

}  // namespace cartera::orders
