target_sources(cartera_unit_tests PRIVATE
  src/common/text_test.cpp src/common/validation_test.cpp src/common/time_test.cpp
  src/common/crypto_test.cpp)
