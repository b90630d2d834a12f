target_sources(cartera_unit_tests PRIVATE src/app/openapi_test.cpp)
