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

// A page of the list as a format renders it.
template <typename Body>
struct RenderedPage {
  Body body;
  int64_t rows = 0;
};

// Reads the list page after page (keyset), each on a connection borrowed for that page only,
// and hands each page to `render` on the same thread. That thread runs up to two pages ahead of
// the one writing the file, so reading the database and writing the file use both cores; what
// `render` does moves work from the writing side to the reading side.
template <typename Body>
class Prefetcher {
 public:
  using Render = Body (*)(std::vector<Customer>&& page);

  Prefetcher(storage::Database& database, customers::CustomerRepository& repository,
             customers::ListQuery query, Render render)
      : database_(database), repository_(repository), query_(std::move(query)), render_(render) {
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
  bool Next(RenderedPage<Body>& page) {
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
        RenderedPage<Body> rendered;
        bool more = false;
        {
          std::vector<Customer> page;
          {
            auto connection = database_.Acquire();
            auto result = repository_.List(*connection, query_);
            if (!result.ok()) throw std::runtime_error(result.error().message);
            page = std::move(result->items);
            more = result->next_cursor.has_value();
            if (more) query_.cursor = std::move(*result->next_cursor);
          }
          rendered.rows = static_cast<int64_t>(page.size());
          if (!page.empty()) rendered.body = render_(std::move(page));
        }
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return pages_.size() < kPagesAhead || stop_; });
        if (stop_) return;
        if (rendered.rows > 0) pages_.push_back(std::move(rendered));
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
  Render render_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<RenderedPage<Body>> pages_;
  bool finished_ = false;
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once everything above exists
};

// What both formats share: the pages, the row count and the privacy record.
template <typename Body>
class ExportSource : public ExportStream {
 public:
  ExportSource(storage::Database& database, customers::CustomerRepository& repository,
               ExportRequest request, typename Prefetcher<Body>::Render render)
      : database_(database),
        repository_(repository),
        request_(std::move(request)),
        render_(render) {}

  ~ExportSource() override {
    if (!started_ || recorded_) return;
    try {
      Record(false);
    } catch (const std::exception& exception) {
      log::Error("export_record_failed", {{"what", exception.what()}});
    }
  }

 protected:
  // The next rendered page (counted in the record); false at the end.
  bool NextPage(RenderedPage<Body>& page) {
    if (!pages_) {
      started_ = true;
      pages_ = std::make_unique<Prefetcher<Body>>(database_, repository_, request_.query, render_);
    }
    if (!pages_->Next(page)) return false;
    rows_ += page.rows;
    return true;
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

 private:
  storage::Database& database_;
  customers::CustomerRepository& repository_;
  ExportRequest request_;
  typename Prefetcher<Body>::Render render_;
  std::unique_ptr<Prefetcher<Body>> pages_;
  int64_t rows_ = 0;
  bool started_ = false;
  bool recorded_ = false;
};

// CSV is formatted by the thread that sends it (in Next), in parallel with the reading of the
// next page: the pages come as they are.
std::vector<Customer> AsRead(std::vector<Customer>&& page) { return std::move(page); }

// CSV, one chunk per page: the byte order mark and header first, CRLF line ends.
class CsvSource : public ExportSource<std::vector<Customer>> {
 public:
  CsvSource(storage::Database& database, customers::CustomerRepository& repository,
            ExportRequest request)
      : ExportSource(database, repository, std::move(request), &AsRead) {}

  bool Next(std::string& out) override {
    if (!header_sent_) {
      header_sent_ = true;
      out += kUtf8Bom;
      const auto columns = Columns();
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        AppendCsvField(out, columns[i].name, Neutralise::kNo);
      }
      out += "\r\n";
      return true;
    }
    RenderedPage<std::vector<Customer>> page;
    if (!NextPage(page)) {
      Record(true);
      return false;
    }
    const auto columns = Columns();
    out.reserve(page.body.size() * 512);
    for (const Customer& customer : page.body) {
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        const CellValue value = columns[i].value(customer);
        // Only text can smuggle a formula; a negative number stays a number.
        AppendCsvField(out, CellText(value), IsText(value) ? Neutralise::kYes : Neutralise::kNo);
      }
      out += "\r\n";
    }
    return true;
  }

 private:
  bool header_sent_ = false;
};

// The cells of a page for the workbook, made on the reading thread: writing the workbook is
// the slower side.
XlsxRows SheetRows(std::vector<Customer>&& page) {
  const auto columns = Columns();
  XlsxRows rows;
  for (const Customer& customer : page) {
    for (size_t i = 0; i < columns.size(); ++i) {
      rows.Add(static_cast<uint16_t>(i), columns[i].value(customer));
    }
    rows.EndRow();
  }
  return rows;
}

// .xlsx: built whole into a temporary file by the first call, then sent in chunks.
class XlsxSource : public ExportSource<XlsxRows> {
 public:
  XlsxSource(storage::Database& database, customers::CustomerRepository& repository,
             ExportRequest request, std::filesystem::path temp_dir)
      : ExportSource(database, repository, std::move(request), &SheetRows),
        temp_dir_(std::move(temp_dir)) {}

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
      uint32_t row = 1;
      RenderedPage<XlsxRows> page;
      while (NextPage(page)) {
        writer.WriteRows(row, page.body);
        row += static_cast<uint32_t>(page.rows);
      }
      writer.Close(row - 1, static_cast<uint16_t>(columns.size() - 1));
    }
    file_.open(path, std::ios::binary);
    if (!file_.is_open()) throw std::runtime_error("cannot reopen the export file");
  }

  std::filesystem::path temp_dir_;
  std::ifstream file_;
};

}  // namespace

std::shared_ptr<ExportStream> ExportService::Open(ExportRequest request) {
  if (request.format == Format::kCsv) {
    return std::make_shared<CsvSource>(database_, repository_, std::move(request));
  }
  return std::make_shared<XlsxSource>(database_, repository_, std::move(request), temp_dir_);
}

}  // namespace cartera::transfer
