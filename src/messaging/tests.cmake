target_sources(cartera_unit_tests PRIVATE src/messaging/messaging_test.cpp)
