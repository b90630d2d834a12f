#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

// A spreadsheet read for import (CSV or the first sheet of an .xlsx): rows of text cells, kept
// compact (one buffer per row) because a file may hold 200,000 of them.
namespace cartera::transfer {

class TableRow {
 public:
  explicit TableRow(size_t number) : number_(number) {}

  // The row number a spreadsheet shows (the header is row 1 of a file that starts with it).
  size_t number() const { return number_; }
  size_t size() const { return ends_.size(); }
  // Cell `column` (0-based); "" past the last cell.
  std::string_view Cell(size_t column) const;
  void Append(std::string_view cell);
  // Appends "" cells until the row has `columns` of them.
  void PadTo(size_t columns);
  // True when every cell is empty after trimming ASCII white space.
  bool IsBlank() const;

 private:
  size_t number_;
  std::string text_;
  std::vector<uint32_t> ends_;
};

struct Table {
  std::vector<TableRow> rows;  // the first is the header
  // Set when the reader stopped at its row limit: the file has more rows than were kept.
  bool truncated = false;
};

// kInvalidArgument `unreadable_file` with `message`, for a body that is not a readable CSV or
// .xlsx.
Error Unreadable(std::string message);

}  // namespace cartera::transfer
