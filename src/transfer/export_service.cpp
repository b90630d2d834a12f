#include "transfer/export_service.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "staff/staff_events.hpp"
#include "transfer/columns.hpp"
#include "transfer/csv.hpp"
#include "transfer/xlsx_writer.hpp"

namespace cartera::transfer {
namespace {

namespace json = boost::json;
using customers::Customer;

// Reads the list page after page (keyset), each on a connection borrowed for that page only.
// A separate thread runs it one page ahead of the writer, so that reading the database and
// writing the file use both cores.
class Prefetcher {
 public:
  Prefetcher(storage::Database& database, customers::CustomerRepository& repository,
             customers::ListQuery query)
      : database_(database), repository_(repository), query_(std::move(query)) {
    query_.limit = kExportPageSize;
    query_.cursor.reset();
    query_.include_total = false;
    thread_ = std::thread([this] { Run(); });
  }

  ~Prefetcher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  // The next page, in order; false at the end. Rethrows what reading threw.
  bool Next(std::vector<Customer>& page) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !pages_.empty() || finished_; });
    if (!pages_.empty()) {
      page = std::move(pages_.front());
      pages_.pop_front();
      changed_.notify_all();
      return true;
    }
    if (error_) std::rethrow_exception(error_);
    return false;
  }

 private:
  static constexpr size_t kPagesAhead = 2;

  void Run() {
    try {
      for (;;) {
        std::vector<Customer> page;
        bool more = false;
        {
          auto connection = database_.Acquire();
          auto result = repository_.List(*connection, query_);
          if (!result.ok()) throw std::runtime_error(result.error().message);
          page = std::move(result->items);
          more = result->next_cursor.has_value();
          if (more) query_.cursor = std::move(*result->next_cursor);
        }
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return pages_.size() < kPagesAhead || stop_; });
        if (stop_) return;
        if (!page.empty()) pages_.push_back(std::move(page));
        if (!more) finished_ = true;
        changed_.notify_all();
        if (!more) return;
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      finished_ = true;
      changed_.notify_all();
    }
  }

  storage::Database& database_;
  customers::CustomerRepository& repository_;
  customers::ListQuery query_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Customer>> pages_;
  bool finished_ = false;
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once everything above exists
};

// What both formats share: the page reader, the row count and the privacy record.
class ExportSource : public http::BodySource {
 public:
  ExportSource(storage::Database& database, customers::CustomerRepository& repository,
               ExportRequest request)
      : database_(database), repository_(repository), request_(std::move(request)) {}

  ~ExportSource() override {
    if (!started_ || recorded_) return;
    try {
      Record(false);
    } catch (const std::exception& exception) {
      log::Error("export_record_failed", {{"what", exception.what()}});
    }
  }

 protected:
  Prefetcher& Pages() {
    if (!pages_) {
      started_ = true;
      pages_ = std::make_unique<Prefetcher>(database_, repository_, request_.query);
    }
    return *pages_;
  }

  // Writes the `customers_exported` staff event in its own transaction.
  void Record(bool complete) {
    recorded_ = true;
    pages_.reset();
    json::object data = {{"format", request_.format == Format::kCsv ? "csv" : "xlsx"},
                         {"filters", request_.filters},
                         {"rows", rows_}};
    if (!complete) data["complete"] = false;
    auto status = database_.InTransaction([&](storage::Connection& connection) -> Status {
      staff::RecordStaffEvent(connection, request_.staff_id, request_.staff_name,
                              "customers_exported", data, time::Now());
      return Ok{};
    });
    if (!status.ok()) throw std::runtime_error(status.error().message);
  }

  storage::Database& database_;
  customers::CustomerRepository& repository_;
  ExportRequest request_;
  int64_t rows_ = 0;

 private:
  std::unique_ptr<Prefetcher> pages_;
  bool started_ = false;
  bool recorded_ = false;
};

// CSV, one chunk per page: the byte order mark and header first, CRLF line ends.
class CsvSource : public ExportSource {
 public:
  using ExportSource::ExportSource;

  bool Next(std::string& out) override {
    const auto columns = Columns();
    if (!header_sent_) {
      header_sent_ = true;
      Pages();
      out += kUtf8Bom;
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        AppendCsvField(out, columns[i].name, Neutralise::kNo);
      }
      out += "\r\n";
      return true;
    }
    std::vector<Customer> page;
    if (!Pages().Next(page)) {
      Record(true);
      return false;
    }
    out.reserve(page.size() * 512);
    for (const Customer& customer : page) {
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        const CellValue value = columns[i].value(customer);
        // Only text can smuggle a formula; a negative number stays a number.
        AppendCsvField(
            out, CellText(value),
            std::holds_alternative<std::string>(value) ? Neutralise::kYes : Neutralise::kNo);
      }
      out += "\r\n";
      ++rows_;
    }
    return true;
  }

 private:
  bool header_sent_ = false;
};

// .xlsx: built whole into a temporary file by the first call, then sent in chunks.
class XlsxSource : public ExportSource {
 public:
  XlsxSource(storage::Database& database, customers::CustomerRepository& repository,
             ExportRequest request, std::filesystem::path temp_dir)
      : ExportSource(database, repository, std::move(request)), temp_dir_(std::move(temp_dir)) {}

  bool Next(std::string& out) override {
    if (!file_.is_open()) Build();
    constexpr size_t kChunk = 256 * 1024;
    out.resize(kChunk);
    file_.read(out.data(), static_cast<std::streamsize>(kChunk));
    out.resize(static_cast<size_t>(file_.gcount()));
    if (file_.bad()) throw std::runtime_error("reading the export file failed");
    if (file_.eof()) {
      Record(true);
      return false;
    }
    return true;
  }

 private:
  void Build() {
    const std::filesystem::path path =
        temp_dir_ / ("cartera-export-" + crypto::RandomToken(12) + ".xlsx");
    // The open descriptor keeps the data readable; the name goes as soon as it is opened (or
    // when building fails), so no file is left behind whatever happens to the request.
    struct Remove {
      const std::filesystem::path& path;
      ~Remove() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
      }
    } remove{path};
    const auto columns = Columns();
    {
      XlsxWriter writer(path, temp_dir_, "Clientes");
      for (size_t i = 0; i < columns.size(); ++i) {
        writer.SetColumnWidth(static_cast<uint16_t>(i), columns[i].width);
        writer.WriteHeader(static_cast<uint16_t>(i), columns[i].name);
      }
      uint32_t row = 0;
      std::vector<Customer> page;
      while (Pages().Next(page)) {
        for (const Customer& customer : page) {
          ++row;
          for (size_t i = 0; i < columns.size(); ++i) {
            writer.Write(row, static_cast<uint16_t>(i), columns[i].value(customer));
          }
        }
        rows_ += static_cast<int64_t>(page.size());
      }
      writer.Close(row, static_cast<uint16_t>(columns.size() - 1));
    }
    file_.open(path, std::ios::binary);
    if (!file_.is_open()) throw std::runtime_error("cannot reopen the export file");
  }

  std::filesystem::path temp_dir_;
  std::ifstream file_;
};

}  // namespace

std::shared_ptr<http::BodySource> ExportService::Open(ExportRequest request) {
  if (request.format == Format::kCsv) {
    return std::make_shared<CsvSource>(database_, repository_, std::move(request));
  }
  return std::make_shared<XlsxSource>(database_, repository_, std::move(request), temp_dir_);
}

}  // namespace cartera::transfer
