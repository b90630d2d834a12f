#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "customers/customer.hpp"

// The columns of the customer spreadsheet (F4): one per API field, in one table shared by the
// export (header and cell values) and the import (header mapping and cell parsing), so a file
// that was exported imports back.
namespace cartera::transfer {

enum class ColumnType {
  kId,        // the customer id: a whole number in the file, a string in the API
  kText,      // free text
  kEnum,      // one of the API's values; the UI's Spanish and English labels are read too
  kInteger,   // a whole number
  kPercent,   // a number with up to two decimals (decimal comma read too)
  kBool,      // true/false (also 1/0, sí/no, yes/no)
  kList,      // several values, written joined with ", "
  kDateTime,  // a UTC time: RFC 3339 in CSV, a date-time cell in .xlsx
};

// What an empty cell means on import.
enum class WhenEmpty {
  kNull,   // clear the field (JSON null)
  kOmit,   // leave the field as it is (or its default on creation)
  kBlank,  // send "" (so a required field reports `required`)
};

struct DateTimeCell {
  time::Micros at = 0;
};
// One cell of the export: empty, text (a view of the customer's own field, or a string made
// for the cell), a whole number, a number, a boolean or a time. Views keep an export of a
// million customers from copying every text value once more.
using CellValue = std::variant<std::monostate, std::string_view, std::string, int64_t, double, bool,
                               DateTimeCell>;
// True when the cell holds text.
inline bool IsText(const CellValue& value) {
  return std::holds_alternative<std::string_view>(value) ||
         std::holds_alternative<std::string>(value);
}

struct Column {
  std::string_view name;  // the header, the API field name (`default_address.city`)
  ColumnType type;
  bool importable;  // false: read-only (balances, times, the address), ignored on import
  WhenEmpty when_empty;
  double width;  // .xlsx column width, in characters
  // The cell of `customer`; a view lives as long as the customer.
  CellValue (*value)(const customers::Customer& customer);
};

// Every column, in file order.
std::span<const Column> Columns();

// The column a header names: the API name or a label the UI shows (Spanish or English),
// ignoring case, accents, spaces and punctuation ("Razón social", "NIF", "legal_name").
std::optional<size_t> FindColumn(std::string_view header);

// A cell value as text, as CSV writes it (times as RFC 3339, booleans as true/false, numbers
// as JSON writes them).
std::string CellText(const CellValue& value);

// The JSON value of a cell for ApplyJson (trimmed; nullopt: leave the field out). Values that
// do not parse (a word in a number column) go through as strings so that ApplyJson reports
// them with the API's own error codes.
std::optional<boost::json::value> CellJson(const Column& column, std::string_view cell);

}  // namespace cartera::transfer
