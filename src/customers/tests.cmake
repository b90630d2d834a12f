target_sources(cartera_unit_tests PRIVATE src/customers/customer_json_test.cpp
  src/customers/customer_changes_test.cpp src/customers/customer_deletion_test.cpp)
