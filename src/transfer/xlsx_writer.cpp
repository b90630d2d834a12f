#include "transfer/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <stdexcept>
#include <string>

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

void XlsxWriter::Write(uint32_t row, uint16_t column, const CellValue& value) {
  struct Visitor {
    XlsxWriter& self;
    uint32_t row;
    uint16_t column;
    lxw_error operator()(std::monostate) const { return LXW_NO_ERROR; }
    lxw_error operator()(const std::string& text) const {
      if (text.empty()) return LXW_NO_ERROR;
      return worksheet_write_string(self.sheet_, row, column, text.c_str(), nullptr);
    }
    lxw_error operator()(int64_t number) const {
      return worksheet_write_number(self.sheet_, row, column, static_cast<double>(number), nullptr);
    }
    lxw_error operator()(double number) const {
      return worksheet_write_number(self.sheet_, row, column, number, nullptr);
    }
    lxw_error operator()(bool flag) const {
      return worksheet_write_boolean(self.sheet_, row, column, flag ? 1 : 0, nullptr);
    }
    lxw_error operator()(DateTimeCell time) const {
      return worksheet_write_number(self.sheet_, row, column, ExcelSerial(time.at),
                                    self.date_time_);
    }
  };
  Check(std::visit(Visitor{*this, row, column}, value), "write");
}

void XlsxWriter::Close(uint32_t last_row, uint16_t last_column) {
  Check(worksheet_autofilter(sheet_, 0, 0, last_row, last_column), "autofilter");
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;  // workbook_close frees it, whatever it returns
  Check(workbook_close(workbook), "close");
}

}  // namespace cartera::transfer
