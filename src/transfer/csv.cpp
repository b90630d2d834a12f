#include "transfer/csv.hpp"

#include <array>

#include "common/text.hpp"

namespace cartera::transfer {
namespace {

bool LooksLikeFormula(std::string_view value) {
  if (value.empty()) return false;
  const char first = value.front();
  return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
         first == '\r';
}

// Windows-1252 code points for bytes 0x80-0x9F (0 where the code page leaves a hole); the
// other bytes are the Latin-1 code point of the same value.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::string FromWindows1252(std::string_view input) {
  std::string out;
  out.reserve(input.size() + input.size() / 8);
  for (const char c : input) {
    const auto byte = static_cast<unsigned char>(c);
    char32_t code_point = byte;
    if (byte >= 0x80 && byte <= 0x9F) code_point = kCp1252High[byte - 0x80];
    // The holes of the code page become U+FFFD rather than control characters.
    AppendUtf8(out, code_point == 0 ? U'\uFFFD' : code_point);
  }
  return out;
}

// The delimiter of the first record: the candidate found most often outside quotes.
char DetectDelimiter(std::string_view text) {
  size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      commas += c == ',';
      semicolons += c == ';';
      tabs += c == '\t';
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view value, Neutralise neutralise) {
  const bool prefix = neutralise == Neutralise::kYes && LooksLikeFormula(value);
  const bool quote = value.find_first_of("\",;\r\n") != std::string_view::npos;
  if (!quote) {
    if (prefix) out += '\'';
    out.append(value);
    return;
  }
  out += '"';
  if (prefix) out += '\'';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string_view StripNeutraliser(std::string_view cell) {
  if (cell.size() >= 2 && cell.front() == '\'' && LooksLikeFormula(cell.substr(1))) {
    return cell.substr(1);
  }
  return cell;
}

Result<Table> ReadCsv(std::string_view body, size_t max_rows) {
  if (body.starts_with("\xFF\xFE") || body.starts_with("\xFE\xFF")) {
    return Unreadable("The file is UTF-16 text; save it as \"CSV UTF-8\".");
  }
  if (body.starts_with(kUtf8Bom)) body.remove_prefix(kUtf8Bom.size());
  if (body.find('\0') != std::string_view::npos) {
    return Unreadable("The file is neither CSV text nor an .xlsx workbook.");
  }
  std::string converted;
  if (!text::IsValidUtf8(body)) {
    converted = FromWindows1252(body);
    body = converted;
  }
  const char delimiter = DetectDelimiter(body);

  Table table;
  size_t number = 1;
  TableRow row(number);
  std::string cell;
  size_t i = 0;
  const size_t n = body.size();
  bool at_record_start = true;
  while (i < n) {
    if (at_record_start && table.rows.size() >= max_rows) {
      table.truncated = true;
      break;
    }
    at_record_start = false;
    cell.clear();
    if (body[i] == '"') {
      // A quoted field: up to the closing quote; "" is one quote; line breaks are kept.
      const size_t quote_line = number;
      ++i;
      bool closed = false;
      while (i < n) {
        const char c = body[i++];
        if (c == '"') {
          if (i < n && body[i] == '"') {
            cell += '"';
            ++i;
          } else {
            closed = true;
            break;
          }
        } else {
          cell += c;
        }
      }
      if (!closed) {
        return Unreadable("A quoted field that starts in row " + std::to_string(quote_line) +
                          " is never closed.");
      }
      // Spreadsheets tolerate text after the closing quote; keep it rather than refuse.
      while (i < n && body[i] != delimiter && body[i] != '\r' && body[i] != '\n') {
        cell += body[i++];
      }
    } else {
      while (i < n && body[i] != delimiter && body[i] != '\r' && body[i] != '\n') {
        cell += body[i++];
      }
    }
    row.Append(cell);
    if (i < n && body[i] == delimiter) {
      ++i;
      if (i == n) row.Append("");  // a trailing delimiter ends with an empty field
      continue;
    }
    // End of the record: CRLF, LF, CR or the end of the text.
    if (i < n && body[i] == '\r') ++i;
    if (i < n && body[i] == '\n') ++i;
    table.rows.push_back(std::move(row));
    row = TableRow(++number);
    at_record_start = true;
  }
  if (!at_record_start) table.rows.push_back(std::move(row));
  return table;
}

}  // namespace cartera::transfer
