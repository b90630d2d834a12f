target_sources(cartera_core PRIVATE
  src/catalog/catalog_routes.cpp src/catalog/named_resource_repository.cpp
  src/catalog/named_resource_service.cpp src/catalog/pricing.cpp
  src/catalog/product_repository.cpp src/catalog/product_service.cpp)
