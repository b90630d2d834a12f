#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "transfer/columns.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace cartera::transfer {

// One-sheet .xlsx written with libxlsxwriter in constant-memory mode: each row goes to a
// temporary file in `temp_dir` as soon as the next one starts, so memory stays flat whatever
// the row count. Rows must be written in order. Throws std::runtime_error when the file
// cannot be written.
class XlsxWriter {
 public:
  XlsxWriter(const std::filesystem::path& path, const std::filesystem::path& temp_dir,
             std::string_view sheet_name);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void SetColumnWidth(uint16_t column, double width);
  // A bold header row (row 0), frozen so it stays in view while scrolling.
  void WriteHeader(uint16_t column, std::string_view text);
  // Text as text (never a formula), numbers as numbers, booleans as booleans, times as
  // date-time cells (UTC). An empty value writes nothing.
  void Write(uint32_t row, uint16_t column, const CellValue& value);
  // Adds a filter button to every header cell over rows 0..last_row, and writes the workbook.
  void Close(uint32_t last_row, uint16_t last_column);

 private:
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_time_ = nullptr;
  std::string path_;
  std::string temp_dir_;
};

}  // namespace cartera::transfer
