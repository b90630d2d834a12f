#include <gtest/gtest.h>
#include <zip.h>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.hpp"
#include "transfer/columns.hpp"
#include "transfer/csv.hpp"
#include "transfer/xlsx_reader.hpp"
#include "transfer/xlsx_writer.hpp"

namespace cartera::transfer {
namespace {

std::vector<std::vector<std::string>> Cells(const Table& table) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < row.size(); ++i) cells.emplace_back(row.Cell(i));
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string Field(std::string_view value, Neutralise neutralise = Neutralise::kYes) {
  std::string out;
  AppendCsvField(out, value, neutralise);
  return out;
}

TEST(CsvWrite, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(Field("Ferretería Núñez"), "Ferretería Núñez");
  EXPECT_EQ(Field("Hierros, S.L."), "\"Hierros, S.L.\"");
  EXPECT_EQ(Field("dijo \"sí\""), "\"dijo \"\"sí\"\"\"");
  EXPECT_EQ(Field("línea 1\r\nlínea 2"), "\"línea 1\r\nlínea 2\"");
  EXPECT_EQ(Field("a;b"), "\"a;b\"");
  EXPECT_EQ(Field(""), "");
}

TEST(CsvWrite, NeutralisesFormulasAndReadsThemBack) {
  EXPECT_EQ(Field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(Field("+34 600 000 000"), "'+34 600 000 000");
  EXPECT_EQ(Field("-5"), "'-5");
  EXPECT_EQ(Field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(Field("-5", Neutralise::kNo), "-5");
  EXPECT_EQ(StripNeutraliser("'+34 600"), "+34 600");
  EXPECT_EQ(StripNeutraliser("'=1+2"), "=1+2");
  // An apostrophe before anything else is the user's own.
  EXPECT_EQ(StripNeutraliser("'quoted'"), "'quoted'");
  EXPECT_EQ(StripNeutraliser("'"), "'");
}

TEST(CsvRead, ReadsQuotedFieldsBomAndLineEnds) {
  const std::string body = std::string(kUtf8Bom) +
                           "name,notes\r\n\"Hierros, S.L.\",\"dijo \"\"sí\"\"\r\notra línea\"\n"
                           "Núñez,\r\n";
  auto table = ReadCsv(body, 100);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Cells(*table),
            (std::vector<std::vector<std::string>>{
                {"name", "notes"}, {"Hierros, S.L.", "dijo \"sí\"\r\notra línea"}, {"Núñez", ""}}));
  // Row numbers as a spreadsheet shows them: a line break inside quotes is still one row.
  EXPECT_EQ(table->rows[2].number(), 3U);
}

TEST(CsvRead, DetectsTheDelimiterFromTheHeader) {
  auto semicolons = ReadCsv("Nombre;Descuento\nA;12,5\n", 100);
  ASSERT_TRUE(semicolons.ok());
  EXPECT_EQ(Cells(*semicolons)[1], (std::vector<std::string>{"A", "12,5"}));
  auto tabs = ReadCsv("Nombre\tCorreo\nA\ta@b.es\n", 100);
  ASSERT_TRUE(tabs.ok());
  EXPECT_EQ(Cells(*tabs)[1], (std::vector<std::string>{"A", "a@b.es"}));
  // Commas inside quotes do not count.
  auto quoted = ReadCsv("\"a,b,c\";d\n1;2\n", 100);
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(Cells(*quoted)[0], (std::vector<std::string>{"a,b,c", "d"}));
}

TEST(CsvRead, ReadsWindows1252) {
  auto table = ReadCsv(
      "Nombre\nFerreter\xED"
      "a N\xFA\xF1"
      "ez \x80\n",
      100);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Cells(*table)[1][0], "Ferretería Núñez €");
}

TEST(CsvRead, RefusesWhatIsNotCsv) {
  EXPECT_EQ(ReadCsv("a,b\n\"open", 100).error().api_code, "unreadable_file");
  EXPECT_EQ(ReadCsv(std::string("a\0b", 3), 100).error().api_code, "unreadable_file");
  EXPECT_EQ(ReadCsv("\xFF\xFEn\0", 100).error().api_code, "unreadable_file");
}

TEST(CsvRead, StopsAtTheRowLimit) {
  auto table = ReadCsv("h\n1\n2\n3\n", 3);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 3U);
  EXPECT_TRUE(table->truncated);
  auto exact = ReadCsv("h\n1\n2\n", 3);
  ASSERT_TRUE(exact.ok());
  EXPECT_FALSE(exact->truncated);
}

TEST(Columns, MapsApiNamesAndUiLabels) {
  const auto name_of = [](std::string_view header) -> std::string {
    const auto index = FindColumn(header);
    return index ? std::string(Columns()[*index].name) : "";
  };
  EXPECT_EQ(name_of("legal_name"), "legal_name");
  EXPECT_EQ(name_of("Razón social"), "legal_name");
  EXPECT_EQ(name_of("RAZON SOCIAL"), "legal_name");
  EXPECT_EQ(name_of("NIF"), "tax_id");
  EXPECT_EQ(name_of("NIF / CIF / RFC"), "tax_id");
  EXPECT_EQ(name_of("Correo electrónico"), "email");
  EXPECT_EQ(name_of("Teléfono"), "phone");
  EXPECT_EQ(name_of("Tax ID (VAT)"), "tax_id");
  EXPECT_EQ(name_of("Descuento (%)"), "discount_percent");
  EXPECT_EQ(name_of("default_address.city"), "default_address.city");
  EXPECT_EQ(name_of("Color favorito"), "");
  // Every column's own name maps to it.
  for (const Column& column : Columns()) EXPECT_EQ(name_of(column.name), column.name);
}

std::string JsonOf(std::string_view name, std::string_view cell) {
  const auto index = FindColumn(name);
  if (!index) return "no column";
  const auto value = CellJson(Columns()[*index], cell);
  return value ? boost::json::serialize(*value) : "omitted";
}

TEST(Columns, TurnsCellsIntoApiValues) {
  EXPECT_EQ(JsonOf("name", " Ferretería "), "\"Ferretería\"");
  EXPECT_EQ(JsonOf("name", ""), "\"\"");  // so that a missing name is reported as required
  EXPECT_EQ(JsonOf("email", ""), "null");
  EXPECT_EQ(JsonOf("status", ""), "omitted");
  EXPECT_EQ(JsonOf("status", "Potencial"), "\"potential\"");
  EXPECT_EQ(JsonOf("temperature", "No interesado"), "\"not_interested\"");
  EXPECT_EQ(JsonOf("temperature", "FRÍO"), "\"cold\"");
  EXPECT_EQ(JsonOf("temperature", "sin temperatura"), "null");
  EXPECT_EQ(JsonOf("temperature", "tepid"), "\"tepid\"");  // ApplyJson names it invalid_enum
  EXPECT_EQ(JsonOf("discount_percent", "12,5"), "1.25E1");
  EXPECT_EQ(JsonOf("discount_percent", "12.5 %"), "1.25E1");
  EXPECT_EQ(JsonOf("discount_percent", "mucho"), "\"mucho\"");
  EXPECT_EQ(JsonOf("credit_limit_minor", "150000"), "150000");
  EXPECT_EQ(JsonOf("credit_limit_minor", "150000.0"), "150000");
  EXPECT_EQ(JsonOf("credit_limit_minor", "1.5"), "\"1.5\"");
  EXPECT_EQ(JsonOf("shared_account", "Sí"), "true");
  EXPECT_EQ(JsonOf("shared_account", "0"), "false");
  EXPECT_EQ(JsonOf("tags", "vip, Madrid ,, norte"), "[\"vip\",\"Madrid\",\"norte\"]");
  EXPECT_EQ(JsonOf("tags", ""), "[]");
}

TEST(Columns, WritesCellsAsTheApiSpellsThem) {
  customers::Customer customer;
  customer.id = 42;
  customer.discount_hundredths = 1250;
  customer.tags = {"VIP", "Madrid"};
  customer.created_at = 1'700'000'000'000'000;
  std::map<std::string, std::string> cells;
  for (const Column& column : Columns()) {
    cells[std::string(column.name)] = CellText(column.value(customer));
  }
  EXPECT_EQ(cells["id"], "42");
  EXPECT_EQ(cells["discount_percent"], "12.5");
  EXPECT_EQ(cells["tags"], "VIP, Madrid");
  EXPECT_EQ(cells["shared_account"], "false");
  EXPECT_EQ(cells["created_at"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(cells["email"], "");
  EXPECT_EQ(cells["default_address.city"], "");
}

class Xlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() / ("cartera-xlsx-" + crypto::RandomToken(6));
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  std::filesystem::path directory_;
};

TEST_F(Xlsx, WhatTheWriterWritesTheReaderReads) {
  const auto path = directory_ / "out.xlsx";
  {
    XlsxWriter writer(path, directory_, "Clientes");
    writer.WriteHeader(0, "name");
    writer.WriteHeader(1, "discount_percent");
    writer.WriteHeader(3, "shared_account");
    XlsxRows rows;
    const std::string name = "Ferretería \"Núñez\" & <hijos>";
    rows.Add(0, std::string_view(name));
    rows.Add(1, 12.5);
    rows.Add(2, std::string_view());  // empty: no cell
    rows.Add(3, true);
    rows.EndRow();
    rows.EndRow();  // row 2 has no cells at all
    rows.Add(0, std::string("=1+2"));
    rows.Add(2, int64_t{7});
    rows.Add(3, false);
    rows.EndRow();
    EXPECT_EQ(rows.rows(), 3U);
    writer.WriteRows(1, rows);
    writer.Close(3, 3);
  }
  const std::string body = ReadFile(path);
  ASSERT_TRUE(IsZip(body));
  auto table = ReadXlsx(body, 100);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(Cells(*table), (std::vector<std::vector<std::string>>{
                               {"name", "discount_percent", "", "shared_account"},
                               {"Ferretería \"Núñez\" & <hijos>", "12.5", "", "true"},
                               {"=1+2", "", "7", "false"}}));
  EXPECT_EQ(table->rows[2].number(), 4U);
  // The temporary row files are gone.
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory_))
    ++files;
  EXPECT_EQ(files, 1U);
}

// A workbook as another program writes it: shared strings (rich text runs, a phonetic run,
// escapes), a namespace prefix, the sheet found through the workbook's relationships, a
// formula with its cached value, booleans and cells without references.
TEST_F(Xlsx, ReadsSharedStringsAndWhatOtherWritersProduce) {
  const auto path = directory_ / "other.xlsx";
  const std::pair<const char*, std::string> parts[] = {
      {"xl/workbook.xml",
       R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Datos" sheetId="1" r:id="rId7"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/datos.xml"/></Relationships>)"},
      {"xl/sharedStrings.xml",
       R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Nombre</t></si><si><t>Correo</t></si><si><r><t>Ferre</t></r><r><rPr><b/></rPr><t xml:space="preserve">tería </t></r><rPh><t>ignored</t></rPh><t>Núñez</t></si><si><t>línea 1_x000D_
línea_x005F_x</t></si></sst>)"},
      {"xl/worksheets/datos.xml",
       R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="B3" t="b"><x:v>1</x:v></x:c><x:c r="C3" t="str"><x:f>LOWER("A@B.ES")</x:f><x:v>a@b.es</x:v></x:c></x:row><x:row><x:c t="s"><x:v>3</x:v></x:c><x:c><x:v>1.5E3</x:v></x:c><x:c t="inlineStr"><x:is><x:t>en línea</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)"},
  };
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, xml] : parts) {
    zip_source_t* source = zip_source_buffer(zip, xml.data(), xml.size(), 0);
    ASSERT_GE(zip_file_add(zip, name, source, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
  auto table = ReadXlsx(ReadFile(path), 100);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(Cells(*table),
            (std::vector<std::vector<std::string>>{{"Nombre", "", "Correo"},
                                                   {"Ferretería Núñez", "true", "a@b.es"},
                                                   {"línea 1\r\nlínea_x", "1.5E3", "en línea"}}));
  EXPECT_EQ(table->rows[1].number(), 3U);
  EXPECT_EQ(table->rows[2].number(), 4U);
}

TEST_F(Xlsx, StopsAtTheRowLimit) {
  const auto path = directory_ / "rows.xlsx";
  {
    XlsxWriter writer(path, directory_, "Clientes");
    writer.WriteHeader(0, "name");
    XlsxRows rows;
    for (int row = 1; row <= 10; ++row) {
      rows.Add(0, std::string("x"));
      rows.EndRow();
    }
    writer.WriteRows(1, rows);
    writer.Close(10, 0);
  }
  auto table = ReadXlsx(ReadFile(path), 5);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 5U);
  EXPECT_TRUE(table->truncated);
}

TEST_F(Xlsx, RefusesWhatIsNotAWorkbook) {
  EXPECT_EQ(ReadXlsx(std::string("PK\x03\x04garbage", 11), 10).error().api_code, "unreadable_file");
}

}  // namespace
}  // namespace cartera::transfer
