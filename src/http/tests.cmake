target_sources(cartera_unit_tests PRIVATE src/http/router_test.cpp)
