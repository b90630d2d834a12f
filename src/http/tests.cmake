target_sources(cartera_unit_tests PRIVATE src/http/multipart_test.cpp src/http/router_test.cpp)
