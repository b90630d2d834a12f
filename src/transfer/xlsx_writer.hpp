#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "transfer/columns.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace cartera::transfer {

// Rows of cells ready for XlsxWriter::WriteRows: values resolved, text in one buffer. Built on
// another thread than the one writing the workbook, so that the writer (an export's slowest
// part) only hands cells to libxlsxwriter.
class XlsxRows {
 public:
  // Adds a cell to the current row; an empty value adds nothing.
  void Add(uint16_t column, const CellValue& value);
  // Ends the current row (a row without cells stays empty).
  void EndRow() { row_ends_.push_back(static_cast<uint32_t>(cells_.size())); }
  size_t rows() const { return row_ends_.size(); }

 private:
  friend class XlsxWriter;
  enum class Kind : uint8_t { kText, kNumber, kBool, kDateTime };
  struct Cell {
    uint16_t column;
    Kind kind;
    double number;  // the number, 0/1, or the Excel serial of a time
    uint32_t text;  // kText: the offset of the NUL-terminated text in text_
  };
  std::vector<Cell> cells_;
  std::vector<uint32_t> row_ends_;
  std::string text_;
};

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
  // Writes `rows` from row `first_row` on: text as text (never a formula), numbers as numbers,
  // booleans as booleans, times as date-time cells (UTC, whole seconds).
  void WriteRows(uint32_t first_row, const XlsxRows& rows);
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
