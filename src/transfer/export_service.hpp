#pragma once

#include <boost/json/object.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "customers/customer_repository.hpp"
#include "storage/database.hpp"

// Export of the customer list (F4) as CSV or .xlsx, streamed, and its privacy record (F40).
namespace cartera::transfer {

enum class Format { kCsv, kXlsx };

struct ExportRequest {
  Format format = Format::kCsv;
  customers::ListQuery query;   // the list's filters and sort; paging is the exporter's
  boost::json::object filters;  // the filters as recorded in the staff event
  int64_t staff_id = 0;
  std::string staff_name;
};

// A file produced chunk by chunk (the routes send it as a streamed body).
class ExportStream {
 public:
  virtual ~ExportStream() = default;
  // Appends the next chunk to `out` (cleared before each call); false once the file is
  // complete (`out` may still hold a last chunk). Throws on failure.
  virtual bool Next(std::string& out) = 0;
};

// Rows are read in keyset pages of this many, never all at once.
inline constexpr int64_t kExportPageSize = 1000;

class ExportService {
 public:
  // `temp_dir` holds the .xlsx while it is built (and libxlsxwriter's row files).
  ExportService(storage::Database& database, customers::CustomerRepository& repository,
                std::filesystem::path temp_dir)
      : database_(database), repository_(repository), temp_dir_(std::move(temp_dir)) {}

  // The file as a stream: CSV is produced page by page; .xlsx is built in constant memory
  // into a temporary file (removed at once, read through its open descriptor) and then sent in
  // chunks. When the last chunk is out, one `customers_exported` staff event records the
  // format, the filters and the row count; an export the client abandons is recorded too, with
  // the rows produced so far and `"complete": false`.
  std::shared_ptr<ExportStream> Open(ExportRequest request);

 private:
  storage::Database& database_;
  customers::CustomerRepository& repository_;
  std::filesystem::path temp_dir_;
};

}  // namespace cartera::transfer
