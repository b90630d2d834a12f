target_sources(cartera_core PRIVATE
  src/catalog/catalog_routes.cpp src/catalog/named_resource.cpp src/catalog/pricing.cpp
  src/catalog/product.cpp)
