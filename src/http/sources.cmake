target_sources(cartera_core PRIVATE
  src/http/auth_fields.cpp src/http/json_input.cpp src/http/metrics.cpp src/http/multipart.cpp src/http/problem.cpp src/http/request.cpp
  src/http/resource.cpp src/http/router.cpp src/http/server.cpp src/http/static_files.cpp)
