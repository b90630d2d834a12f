# The customer portal: contacts' sign-in, registration and their own API (F11, F12, F22, F24).
target_sources(cartera_core PRIVATE src/portal/portal_auth.cpp src/portal/portal_routes.cpp
                                    src/portal/portal_service.cpp)
