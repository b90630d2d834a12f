#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "customers/customer_service.hpp"
#include "storage/database.hpp"

// Import of customers from CSV or .xlsx (F4): header mapping, a dry run, an error per bad cell
// with its row, and an all-or-nothing commit.
namespace cartera::transfer {

inline constexpr size_t kMaxImportRows = 200'000;
// The report lists this many errors at most (error_count has them all).
inline constexpr size_t kMaxReportedErrors = 1000;

struct ImportError {
  size_t row = 0;  // as the spreadsheet shows it (header = 1)
  std::string field;
  std::string code;
  std::string message;
};

// A column that is not imported: unknown, read-only or a repeat of an earlier one.
struct ImportWarning {
  std::string column;  // the spreadsheet's letter: A, B, …, AA
  std::string header;
  std::string code;  // unknown_column | read_only | duplicate_column
  std::string message;
};

struct ImportReport {
  std::string format;  // csv | xlsx
  bool dry_run = true;
  int64_t rows = 0;  // data rows read (blank rows left out)
  int64_t created = 0, updated = 0, unchanged = 0;
  std::vector<ImportError> errors;
  int64_t error_count = 0;
  std::vector<ImportWarning> warnings;
};

struct ImportOptions {
  bool dry_run = true;
  history::EventActor actor;  // a staff user
};

class ImportService {
 public:
  ImportService(storage::Database& database, customers::CustomerService& customers)
      : database_(database), customers_(customers) {}

  // Reads `body` (an .xlsx when it is a zip archive, else CSV) and creates or updates one
  // customer per row: a row with `id`, or with an `external_id` an existing customer has,
  // updates it; any other row creates one. Each row goes through the API's own create and
  // update (CustomerService::CreateOn/PatchOn: the same validation, rules and history events).
  // A dry run checks every row without writing or taking the write lock. A real import writes
  // all rows in one transaction, kept only when no row has an error; it also records one
  // `customers_imported` staff event. The report has the errors either way; the caller
  // decides how to answer them.
  // Errors: kInvalidArgument `unreadable_file`; kValidation `too_many` (over 200,000 rows);
  // kValidation naming `header` when the file has no header or no column it knows.
  Result<ImportReport> Import(std::string_view body, const ImportOptions& options);

 private:
  storage::Database& database_;
  customers::CustomerService& customers_;
};

}  // namespace cartera::transfer
