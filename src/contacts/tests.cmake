target_sources(cartera_unit_tests PRIVATE src/contacts/contact_test.cpp)
