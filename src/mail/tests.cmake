target_sources(cartera_unit_tests PRIVATE src/mail/mime_test.cpp src/mail/outbox_repository_test.cpp
  src/mail/templates_test.cpp)
