#pragma once

#include <string_view>

#include "common/result.hpp"
#include "transfer/table.hpp"

namespace cartera::transfer {

// True when `body` starts like a zip archive (an .xlsx is one).
bool IsZip(std::string_view body);

// Reads the first worksheet of an .xlsx workbook held in memory with libzip and expat, streaming
// the XML (shared strings, then the sheet): shared and inline strings, numbers as written in
// the file, booleans as "true"/"false", formula cells as their cached value, empty and missing
// cells as "" (cell references with gaps keep every value in its column; rows keep the number
// the sheet gives them). Keeps at most `max_rows` rows (then sets `truncated`). Bounded: at most
// 1 GiB of XML is inflated and 16,384 columns read.
// Errors: kInvalidArgument `unreadable_file` (not a zip, no worksheet, malformed XML, too big).
Result<Table> ReadXlsx(std::string_view body, size_t max_rows);

}  // namespace cartera::transfer
