# Notes on a customer (F6).
target_sources(cartera_core PRIVATE src/notes/note_repository.cpp src/notes/note_routes.cpp
                                    src/notes/note_service.cpp)
