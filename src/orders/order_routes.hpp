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
  // This server's own address (http://HOST:PORT), for links in mail when public_url is empty
  // (no request to take the host from).
  std::string server_url = "http://127.0.0.1:8080";

  // The base of links that leave the server by mail: public_url, else server_url.
  const std::string& LinkBase() const { return public_url.empty() ? server_url : public_url; }
};

// Staff: /api/v1/orders…, /api/v1/customers/{id}/{credit,catalog,quick-links},
// /api/v1/quick-links/{id}…. Public: /api/v1/q/{token}….
void RegisterRoutes(http::Router& router, storage::Database& database, OrderService& orders,
                    QuickLinkService& links, customers::CustomerRepository& customers,
                    OrderSettings settings);

}  // namespace cartera::orders
