target_sources(cartera_core PRIVATE
  src/app/application.cpp src/app/demo.cpp src/app/system_routes.cpp)
