#pragma once

#include "catalog/named_resource.hpp"
#include "catalog/product.hpp"
#include "http/router.hpp"

namespace cartera::catalog {

// /api/v1/product-types, /api/v1/warehouses, /api/v1/products, /api/v1/products/{id}/stock.
void RegisterRoutes(http::Router& router, NamedResourceRepository& product_types,
                    NamedResourceRepository& warehouses, ProductRepository& products);

// The kinds wired by the application.
NamedResourceKind ProductTypeKind();
NamedResourceKind WarehouseKind();

}  // namespace cartera::catalog
