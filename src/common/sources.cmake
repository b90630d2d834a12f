target_sources(cartera_core PRIVATE
  src/common/crypto.cpp src/common/cursor.cpp src/common/ids.cpp src/common/log.cpp src/common/result.cpp src/common/text.cpp
  src/common/time.cpp src/common/validation.cpp
  src/common/version.cpp)
