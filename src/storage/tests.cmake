target_sources(cartera_unit_tests PRIVATE src/storage/group_commit_test.cpp
  src/storage/migrations_test.cpp src/storage/pool_test.cpp src/storage/storage_contract_test.cpp)
