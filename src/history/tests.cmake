target_sources(cartera_unit_tests PRIVATE src/history/history_test.cpp)
