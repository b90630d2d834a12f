target_sources(cartera_unit_tests PRIVATE src/catalog/pricing_test.cpp)
