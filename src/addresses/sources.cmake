# Sources of the addresses module (issue 4).
target_sources(cartera_core PRIVATE src/addresses/address_repository.cpp
                                    src/addresses/address_routes.cpp
                                    src/addresses/address_service.cpp)
