#include "transfer/xlsx_writer.hpp"

#include <dlfcn.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <stdexcept>
#include <string>

// libxlsxwriter packs the workbook with minizip at zlib's default level (6), and offers no
// setting for it. Deflating the sheet XML (about 1.3 GB for a million customers) was a third of
// an export's time; level 1 deflates it three times faster for a file about a quarter larger
// (187 MB instead of 147 MB for 1,000,000 customers; docs/performance.md). This definition
// takes the place of minizip's function for libxlsxwriter (the executable's symbols come first
// when the dynamic linker resolves a library's calls) and forwards every call to minizip with
// level 1 where the default was asked for. Where it is not picked up (a static build), the
// default level is used: only slower, never wrong.
extern "C" int zipOpenNewFileInZip4_64(
    void* file, const char* filename, const void* file_info, const void* extra_field_local,
    unsigned extra_field_local_size, const void* extra_field_global,
    unsigned extra_field_global_size, const char* comment, int method, int level, int raw,
    int window_bits, int memory_level, int strategy, const char* password,
    unsigned long crc_for_crypting, unsigned long version_made_by, unsigned long flag_base,
    int zip64) {
  using Function = decltype(&zipOpenNewFileInZip4_64);
  static const auto minizip =
      reinterpret_cast<Function>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  constexpr int kZipInternalError = -104;  // ZIP_INTERNALERROR: libxlsxwriter reports it
  if (!minizip) return kZipInternalError;
  return minizip(file, filename, file_info, extra_field_local, extra_field_local_size,
                 extra_field_global, extra_field_global_size, comment, method,
                 level == Z_DEFAULT_COMPRESSION ? Z_BEST_SPEED : level, raw, window_bits,
                 memory_level, strategy, password, crc_for_crypting, version_made_by, flag_base,
                 zip64);
}

namespace cartera::transfer {
namespace {

void Check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(std::string(what) + ": " + lxw_strerror(error));
  }
}

// Excel counts days from 1899-12-30; the Unix epoch is day 25569. Whole seconds, as the API
// writes times.
double ExcelSerial(time::Micros at) {
  const int64_t seconds = at / 1'000'000 - (at % 1'000'000 < 0 ? 1 : 0);
  return static_cast<double>(seconds) / 86'400.0 + 25569.0;
}

}  // namespace

XlsxWriter::XlsxWriter(const std::filesystem::path& path, const std::filesystem::path& temp_dir,
                       std::string_view sheet_name)
    : path_(path.string()), temp_dir_(temp_dir.string()) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = temp_dir_.data();
  // More than 4 GiB of XML (a very wide export of millions of rows) needs ZIP64.
  options.use_zip64 = LXW_TRUE;
  workbook_ = workbook_new_opt(path_.c_str(), &options);
  if (!workbook_) throw std::runtime_error("cannot create " + path_);
  const std::string name(sheet_name);
  sheet_ = workbook_add_worksheet(workbook_, name.c_str());
  bold_ = workbook_add_format(workbook_);
  date_time_ = workbook_add_format(workbook_);
  if (!sheet_ || !bold_ || !date_time_) {
    lxw_workbook_free(workbook_);  // the destructor does not run for a throwing constructor
    throw std::runtime_error("cannot set up the workbook");
  }
  format_set_bold(bold_);
  format_set_num_format(date_time_, "yyyy-mm-dd hh:mm:ss");
  worksheet_freeze_panes(sheet_, 1, 0);
}

XlsxWriter::~XlsxWriter() {
  // Not closed (an error on the way): free the workbook; the caller removes the file.
  if (workbook_) lxw_workbook_free(workbook_);
}

void XlsxWriter::SetColumnWidth(uint16_t column, double width) {
  Check(worksheet_set_column(sheet_, column, column, width, nullptr), "set_column");
}

void XlsxWriter::WriteHeader(uint16_t column, std::string_view text) {
  const std::string value(text);
  Check(worksheet_write_string(sheet_, 0, column, value.c_str(), bold_), "write_string");
}

void XlsxRows::Add(uint16_t column, const CellValue& value) {
  struct Visitor {
    XlsxRows& rows;
    uint16_t column;
    void operator()(std::monostate) const {}
    void operator()(std::string_view text) const {
      if (text.empty()) return;
      rows.cells_.push_back({column, Kind::kText, 0, static_cast<uint32_t>(rows.text_.size())});
      rows.text_.append(text);
      rows.text_.push_back('\0');
    }
    void operator()(const std::string& text) const { (*this)(std::string_view(text)); }
    void operator()(int64_t number) const {
      rows.cells_.push_back({column, Kind::kNumber, static_cast<double>(number), 0});
    }
    void operator()(double number) const {
      rows.cells_.push_back({column, Kind::kNumber, number, 0});
    }
    void operator()(bool flag) const {
      rows.cells_.push_back({column, Kind::kBool, flag ? 1.0 : 0.0, 0});
    }
    void operator()(DateTimeCell time) const {
      rows.cells_.push_back({column, Kind::kDateTime, ExcelSerial(time.at), 0});
    }
  };
  std::visit(Visitor{*this, column}, value);
}

void XlsxWriter::WriteRows(uint32_t first_row, const XlsxRows& rows) {
  size_t cell = 0;
  for (size_t r = 0; r < rows.row_ends_.size(); ++r) {
    const uint32_t row = first_row + static_cast<uint32_t>(r);
    for (; cell < rows.row_ends_[r]; ++cell) {
      const XlsxRows::Cell& c = rows.cells_[cell];
      lxw_error error = LXW_NO_ERROR;
      switch (c.kind) {
        case XlsxRows::Kind::kText:
          error =
              worksheet_write_string(sheet_, row, c.column, rows.text_.data() + c.text, nullptr);
          break;
        case XlsxRows::Kind::kNumber:
          error = worksheet_write_number(sheet_, row, c.column, c.number, nullptr);
          break;
        case XlsxRows::Kind::kBool:
          error = worksheet_write_boolean(sheet_, row, c.column, c.number != 0 ? 1 : 0, nullptr);
          break;
        case XlsxRows::Kind::kDateTime:
          error = worksheet_write_number(sheet_, row, c.column, c.number, date_time_);
          break;
      }
      Check(error, "write");
    }
  }
}

void XlsxWriter::Close(uint32_t last_row, uint16_t last_column) {
  Check(worksheet_autofilter(sheet_, 0, 0, last_row, last_column), "autofilter");
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;  // workbook_close frees it, whatever it returns
  Check(workbook_close(workbook), "close");
}

}  // namespace cartera::transfer
