# Sources of the transfer module (issue 4): customer export and import (F4), export record (F40).
target_sources(cartera_core PRIVATE
  src/transfer/columns.cpp src/transfer/csv.cpp src/transfer/export_service.cpp
  src/transfer/import_service.cpp src/transfer/table.cpp
  src/transfer/transfer_routes.cpp src/transfer/xlsx_reader.cpp src/transfer/xlsx_writer.cpp)
