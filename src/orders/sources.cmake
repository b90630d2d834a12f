target_sources(cartera_core PRIVATE
  src/orders/customer_catalog.cpp src/orders/order.cpp src/orders/order_input.cpp src/orders/order_json.cpp
  src/orders/order_routes.cpp src/orders/order_service.cpp src/orders/quick_link_service.cpp)
