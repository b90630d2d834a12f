#pragma once

#include "catalog/named_resource_service.hpp"
#include "catalog/product_service.hpp"
#include "http/router.hpp"

namespace cartera::catalog {

// /api/v1/product-types, /api/v1/warehouses, /api/v1/products, /api/v1/products/{id}/stock.
void RegisterRoutes(http::Router& router, NamedResourceService& product_types,
                    NamedResourceService& warehouses, ProductService& products);

}  // namespace cartera::catalog
