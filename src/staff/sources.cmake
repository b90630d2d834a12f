target_sources(cartera_core PRIVATE
  src/staff/auth_service.cpp src/staff/staff_events.cpp src/staff/staff_repository.cpp
  src/staff/staff_routes.cpp src/staff/staff_service.cpp)
