#include "transfer/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <array>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace cartera::transfer {
namespace {

constexpr size_t kMaxInflatedBytes = size_t{1} << 30;
constexpr size_t kMaxColumns = 16384;

// The local part of an expat name parsed with namespaces ("uri|local" -> "local").
std::string_view LocalName(const XML_Char* name) {
  std::string_view view(name);
  const size_t bar = view.rfind('|');
  return bar == std::string_view::npos ? view : view.substr(bar + 1);
}

// The value of attribute `local` (any namespace), or nullopt.
std::optional<std::string_view> Attribute(const XML_Char** attributes, std::string_view local) {
  for (size_t i = 0; attributes[i]; i += 2) {
    if (LocalName(attributes[i]) == local) return std::string_view(attributes[i + 1]);
  }
  return std::nullopt;
}

struct ZipDeleter {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDeleter>;
struct ParserDeleter {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};
using ParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserDeleter>;

// One XML part of the archive, parsed by `handlers` configured on a fresh namespace-aware
// parser. Returns false when the part does not exist.
template <typename Context>
Result<bool> ParsePart(zip_t* zip, const std::string& name, Context& context, size_t& budget) {
  zip_file_t* file = zip_fopen(zip, name.c_str(), 0);
  if (!file) return false;
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> guard(file, &zip_fclose);
  ParserPtr parser(XML_ParserCreateNS(nullptr, '|'));
  if (!parser) throw std::bad_alloc();
  XML_SetUserData(parser.get(), &context);
  XML_SetElementHandler(parser.get(), &Context::Start, &Context::End);
  XML_SetCharacterDataHandler(parser.get(), &Context::Text);
  context.parser = parser.get();
  std::array<char, 65536> buffer;
  for (;;) {
    const zip_int64_t read = zip_fread(file, buffer.data(), buffer.size());
    if (read < 0) return Unreadable("The .xlsx file is damaged (" + name + ").");
    if (static_cast<size_t>(read) > budget) return Unreadable("The .xlsx file is too large.");
    budget -= static_cast<size_t>(read);
    const bool last = read == 0;
    const XML_Status status =
        XML_Parse(parser.get(), buffer.data(), static_cast<int>(read), last ? 1 : 0);
    if (status == XML_STATUS_SUSPENDED || context.stopped) break;
    if (status == XML_STATUS_ERROR) {
      if (context.stopped) break;
      return Unreadable("The .xlsx file has malformed XML in " + name + ".");
    }
    if (last) break;
  }
  if (!context.error.empty()) return Unreadable(context.error);
  return true;
}

struct ParseState {
  XML_Parser parser = nullptr;
  bool stopped = false;  // stopped on purpose (row limit)
  std::string error;
};

// xl/workbook.xml: the relationship id of the first sheet.
struct WorkbookContext : ParseState {
  std::string first_sheet_id;
  static void XMLCALL Start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& self = *static_cast<WorkbookContext*>(data);
    if (self.first_sheet_id.empty() && LocalName(name) == "sheet") {
      if (const auto id = Attribute(attributes, "id")) self.first_sheet_id = *id;
    }
  }
  static void XMLCALL End(void*, const XML_Char*) {}
  static void XMLCALL Text(void*, const XML_Char*, int) {}
};

// xl/_rels/workbook.xml.rels: the target of one relationship.
struct RelationsContext : ParseState {
  std::string wanted;
  std::string target;
  static void XMLCALL Start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& self = *static_cast<RelationsContext*>(data);
    if (LocalName(name) != "Relationship") return;
    if (Attribute(attributes, "Id") == std::optional<std::string_view>(self.wanted)) {
      if (const auto target = Attribute(attributes, "Target")) self.target = *target;
    }
  }
  static void XMLCALL End(void*, const XML_Char*) {}
  static void XMLCALL Text(void*, const XML_Char*, int) {}
};

std::string DecodeEscapes(std::string text);

// xl/sharedStrings.xml: <si> items, each the text of its <t> elements (phonetic runs left out).
struct SharedStringsContext : ParseState {
  std::vector<std::string> strings;
  std::string current;
  bool in_text = false;
  int phonetic_depth = 0;
  static void XMLCALL Start(void* data, const XML_Char* name, const XML_Char**) {
    auto& self = *static_cast<SharedStringsContext*>(data);
    const std::string_view local = LocalName(name);
    if (local == "si") {
      self.current.clear();
    } else if (local == "rPh") {
      ++self.phonetic_depth;
    } else if (local == "t") {
      self.in_text = self.phonetic_depth == 0;
    }
  }
  static void XMLCALL End(void* data, const XML_Char* name) {
    auto& self = *static_cast<SharedStringsContext*>(data);
    const std::string_view local = LocalName(name);
    if (local == "si") {
      self.strings.push_back(DecodeEscapes(std::move(self.current)));
      self.current.clear();
    } else if (local == "rPh") {
      --self.phonetic_depth;
    } else if (local == "t") {
      self.in_text = false;
    }
  }
  static void XMLCALL Text(void* data, const XML_Char* text, int length) {
    auto& self = *static_cast<SharedStringsContext*>(data);
    if (self.in_text) self.current.append(text, static_cast<size_t>(length));
  }
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Text with the `_xHHHH_` escapes of ECMA-376 (ST_Xstring) decoded: writers use them for
// characters XML cannot hold, such as a carriage return (`_x000D_`), and `_x005F_` for a
// literal underscore that would otherwise start one.
std::string DecodeEscapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      int code_point = 0;
      bool hex = true;
      for (size_t k = 2; k < 6 && hex; ++k) {
        const int digit = HexValue(text[i + k]);
        hex = digit >= 0;
        code_point = code_point * 16 + digit;
      }
      if (hex) {
        if (code_point >= 0xD800 && code_point <= 0xDFFF) code_point = 0xFFFD;  // lone surrogate
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
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// The column index of a cell reference ("B3" -> 1), or nullopt without letters.
std::optional<size_t> ColumnOf(std::string_view reference) {
  size_t column = 0;
  size_t letters = 0;
  for (const char c : reference) {
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + static_cast<size_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      column = column * 26 + static_cast<size_t>(c - 'a' + 1);
    } else {
      break;
    }
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

std::optional<size_t> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  return value;
}

// The worksheet: rows of cells in <sheetData>.
struct SheetContext : ParseState {
  const std::vector<std::string>* shared = nullptr;
  size_t max_rows = 0;
  Table table;
  std::optional<TableRow> row;
  size_t last_row_number = 0;
  size_t next_column = 0;
  size_t column = 0;
  std::string type;
  std::string value;        // <v> text
  std::string inline_text;  // <is><t> text
  bool in_value = false;
  bool in_inline = false;
  bool in_inline_text = false;
  int phonetic_depth = 0;

  void Fail(std::string message) {
    if (error.empty()) error = std::move(message);
    stopped = true;
    XML_StopParser(parser, XML_FALSE);
  }

  static void XMLCALL Start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& self = *static_cast<SheetContext*>(data);
    if (self.stopped) return;
    const std::string_view local = LocalName(name);
    if (local == "row") {
      const auto number = Attribute(attributes, "r");
      const auto parsed = number ? ParseCount(*number) : std::nullopt;
      self.last_row_number = parsed ? *parsed : self.last_row_number + 1;
      self.row.emplace(self.last_row_number);
      self.next_column = 0;
    } else if (local == "c" && self.row) {
      const auto reference = Attribute(attributes, "r");
      const auto parsed = reference ? ColumnOf(*reference) : std::nullopt;
      self.column = parsed ? *parsed : self.next_column;
      self.next_column = self.column + 1;
      self.type = std::string(Attribute(attributes, "t").value_or("n"));
      self.value.clear();
      self.inline_text.clear();
    } else if (local == "v") {
      self.in_value = true;
    } else if (local == "is") {
      self.in_inline = true;
    } else if (local == "rPh") {
      ++self.phonetic_depth;
    } else if (local == "t" && self.in_inline) {
      self.in_inline_text = self.phonetic_depth == 0;
    }
  }

  static void XMLCALL End(void* data, const XML_Char* name) {
    auto& self = *static_cast<SheetContext*>(data);
    if (self.stopped) return;
    const std::string_view local = LocalName(name);
    if (local == "v") {
      self.in_value = false;
    } else if (local == "is") {
      self.in_inline = false;
    } else if (local == "rPh") {
      --self.phonetic_depth;
    } else if (local == "t") {
      self.in_inline_text = false;
    } else if (local == "c" && self.row) {
      self.EndCell();
    } else if (local == "row" && self.row) {
      if (self.table.rows.size() >= self.max_rows) {
        self.table.truncated = true;
        self.stopped = true;
        XML_StopParser(self.parser, XML_FALSE);
        return;
      }
      self.table.rows.push_back(std::move(*self.row));
      self.row.reset();
    }
  }

  void EndCell() {
    if (column >= kMaxColumns) return Fail("The sheet has more than 16,384 columns.");
    // Cells come in column order; a repeated or earlier reference is ignored.
    if (column < row->size()) return;
    std::string cell;
    if (type == "s") {
      const auto index = ParseCount(value);
      if (!index || *index >= shared->size()) {
        return Fail("A cell refers to a shared string that does not exist.");
      }
      cell = (*shared)[*index];
    } else if (type == "inlineStr") {
      cell = DecodeEscapes(std::move(inline_text));
    } else if (type == "b") {
      cell = value == "1" ? "true" : value.empty() ? "" : "false";
    } else {
      // n, str (a formula's text), e (an error such as #N/A), d (an ISO 8601 date)
      cell = type == "str" ? DecodeEscapes(std::move(value)) : std::move(value);
    }
    if (cell.empty()) return;  // an empty cell is the same as a missing one
    row->PadTo(column);
    row->Append(cell);
  }

  static void XMLCALL Text(void* data, const XML_Char* text, int length) {
    auto& self = *static_cast<SheetContext*>(data);
    if (self.in_value) {
      self.value.append(text, static_cast<size_t>(length));
    } else if (self.in_inline_text) {
      self.inline_text.append(text, static_cast<size_t>(length));
    }
  }
};

// The path of the first worksheet inside the archive.
Result<std::string> FirstSheetPath(zip_t* zip, size_t& budget) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  WorkbookContext workbook;
  TRY_ASSIGN(const bool has_workbook, ParsePart(zip, "xl/workbook.xml", workbook, budget));
  if (!has_workbook || workbook.first_sheet_id.empty()) return fallback;
  RelationsContext relations;
  relations.wanted = workbook.first_sheet_id;
  TRY_ASSIGN(const bool has_relations,
             ParsePart(zip, "xl/_rels/workbook.xml.rels", relations, budget));
  if (!has_relations || relations.target.empty()) return fallback;
  if (relations.target.front() == '/') return relations.target.substr(1);
  return "xl/" + relations.target;
}

}  // namespace

bool IsZip(std::string_view body) { return body.starts_with(std::string_view("PK\x03\x04", 4)); }

Result<Table> ReadXlsx(std::string_view body, size_t max_rows) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(body.data(), body.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    throw std::bad_alloc();
  }
  ZipPtr zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!zip) {
    zip_source_free(source);
    return Unreadable("The file is not a readable .xlsx workbook.");
  }
  size_t budget = kMaxInflatedBytes;
  TRY_ASSIGN(const std::string sheet_path, FirstSheetPath(zip.get(), budget));
  SharedStringsContext shared;
  TRY(ParsePart(zip.get(), "xl/sharedStrings.xml", shared, budget));
  SheetContext sheet;
  sheet.shared = &shared.strings;
  sheet.max_rows = max_rows;
  TRY_ASSIGN(const bool has_sheet, ParsePart(zip.get(), sheet_path, sheet, budget));
  if (!has_sheet) return Unreadable("The .xlsx file has no worksheet.");
  return std::move(sheet.table);
}

}  // namespace cartera::transfer
