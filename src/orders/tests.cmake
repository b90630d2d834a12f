target_sources(cartera_unit_tests PRIVATE src/orders/order_test.cpp)
