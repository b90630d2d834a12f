#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "transfer/table.hpp"

// CSV per RFC 4180, as spreadsheets write and read it.
namespace cartera::transfer {

// The UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when the file starts with it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class Neutralise { kNo, kYes };

// Appends `value` to `out` as one field: quoted when it holds `"`, `,`, `;`, CR or LF, with its
// quotes doubled. With Neutralise::kYes a value a spreadsheet would run as a formula (starting
// with =, +, -, @, tab or CR) gets a leading apostrophe, so it is shown as text (OWASP "CSV
// injection"); ReadCsv's caller strips it back with StripNeutraliser.
void AppendCsvField(std::string& out, std::string_view value, Neutralise neutralise);

// `cell` without the apostrophe AppendCsvField put before a formula-like value.
std::string_view StripNeutraliser(std::string_view cell);

// Reads a CSV file: an optional UTF-8 byte order mark, the delimiter (`,`, `;` or tab) taken
// from the first line (the one that occurs most often outside quotes), quoted fields with
// doubled quotes and line breaks inside, CRLF or LF line ends. Text that is not UTF-8 is read
// as Windows-1252 (what Excel writes for "CSV" in Western Europe). Keeps at most `max_rows`
// rows (then sets `truncated`). Row numbers count records as a spreadsheet shows them.
// Errors: kInvalidArgument `unreadable_file` (UTF-16, NUL bytes, an unclosed quote).
Result<Table> ReadCsv(std::string_view body, size_t max_rows);

}  // namespace cartera::transfer
