target_sources(cartera_core PRIVATE
  src/customers/customer.cpp src/customers/customer_json.cpp
  src/customers/customer_query.cpp
  src/customers/customer_repository.cpp src/customers/customer_routes.cpp
  src/customers/customer_service.cpp src/customers/sample_data.cpp
  src/customers/customer_changes.cpp src/customers/customer_deletion.cpp
  src/customers/tag_routes.cpp src/customers/tag_repository.cpp src/customers/tag_service.cpp)
