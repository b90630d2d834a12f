# The store's settings (F13).
target_sources(cartera_core PRIVATE
  src/settings/settings.cpp src/settings/settings_input.cpp src/settings/settings_repository.cpp
  src/settings/settings_routes.cpp)
