target_sources(cartera_core PRIVATE
  src/storage/database.cpp src/storage/migrations.cpp src/storage/open.cpp
  src/storage/sqlite/sqlite_connection.cpp src/storage/postgres/postgres_connection.cpp)
