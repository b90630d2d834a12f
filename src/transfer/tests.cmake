target_sources(cartera_unit_tests PRIVATE src/transfer/transfer_test.cpp)
