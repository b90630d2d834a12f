target_sources(cartera_unit_tests PRIVATE src/notes/note_test.cpp)
