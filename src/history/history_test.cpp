#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <set>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "customers/customer_repository.hpp"
#include "history/attachment_store.hpp"
#include "history/event_log.hpp"
#include "history/file_type.hpp"
#include "history/history_event.hpp"
#include "history/history_service.hpp"
#include "storage/database.hpp"

namespace cartera::history {
namespace {

namespace json = boost::json;

// A ZIP archive in memory with these (name, content) entries, written by libzip.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  zip_source_keep(buffer);
  for (const auto& [name, content] : entries) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

// An OLE2 compound file whose directory (at 512) names one stream.
std::string Ole2(std::string_view stream) {
  std::string file("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  file.resize(1024, '\0');
  const size_t entry = 512 + 128;  // the second directory entry (the first is the root)
  for (size_t i = 0; i < stream.size(); ++i) file[entry + 2 * i] = stream[i];
  file[entry + 64] = static_cast<char>((stream.size() + 1) * 2);
  file[entry + 66] = 2;
  return file;
}

std::string_view TypeOf(std::string_view content, std::string_view name = "x") {
  const auto type = SniffFileType(content, name);
  return type ? type->content_type : "refused";
}

TEST(SniffFileType, RecognisesAcceptedTypesByTheirBytes) {
  EXPECT_EQ(TypeOf("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(TypeOf(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), "image/png");
  EXPECT_EQ(TypeOf("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(TypeOf("GIF89a..."), "image/gif");
  EXPECT_EQ(TypeOf(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(TypeOf(Zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<w/>"}})),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(TypeOf(Zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<d/>"}})),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(TypeOf(Zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                        {"content.xml", "<c/>"}})),
            "application/vnd.oasis.opendocument.spreadsheet");
  EXPECT_EQ(TypeOf(Ole2("Workbook")), "application/vnd.ms-excel");
  EXPECT_EQ(TypeOf(Ole2("WordDocument")), "application/msword");
  EXPECT_EQ(TypeOf("nombre;importe\r\nAcme;12\r\n", "Lista.CSV"), "text/csv; charset=utf-8");
  EXPECT_EQ(TypeOf("Llamar el lunes — café", "nota"), "text/plain; charset=utf-8");
}

TEST(SniffFileType, RefusesEverythingElse) {
  EXPECT_EQ(TypeOf(""), "refused");
  EXPECT_EQ(TypeOf("MZ\x90\0\x03", "setup.exe"), "refused");
  EXPECT_EQ(TypeOf(std::string("\x7F"
                               "ELF\x02\x01",
                               6)),
            "refused");
  EXPECT_EQ(TypeOf("<!DOCTYPE html><script>alert(1)</script>", "a.txt"), "refused");
  EXPECT_EQ(TypeOf("\xEF\xBB\xBF  <svg xmlns='http://www.w3.org/2000/svg'/>"), "refused");
  EXPECT_EQ(TypeOf("alert(1)", "x.js"), "refused");
  EXPECT_EQ(TypeOf("plain words", "page.HTML"), "refused");
  EXPECT_EQ(TypeOf(std::string("text\0with nul", 13)), "refused");
  EXPECT_EQ(TypeOf("caf\xE9 latin-1"), "refused");
  EXPECT_EQ(TypeOf(Zip({{"payload.exe", "MZ"}})), "refused");  // a plain archive
  EXPECT_EQ(TypeOf(Zip({{"mimetype", "application/epub+zip"}})), "refused");
  EXPECT_EQ(TypeOf(std::string("PK\x03\x04garbage", 11)), "refused");
  EXPECT_EQ(TypeOf(Ole2("__substg1.0_0037001F")), "refused");  // an Outlook message
  EXPECT_EQ(TypeOf(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)), "refused");
}

TEST(SanitiseFileName, KeepsAReadableSafeName) {
  const FileType pdf = *SniffFileType("%PDF-", "");
  const FileType text = *SniffFileType("x", "");
  EXPECT_EQ(SanitiseFileName("Factura 2026-11 (copia).pdf", pdf), "Factura 2026-11 (copia).pdf");
  EXPECT_EQ(SanitiseFileName("C:\\Users\\ana\\Presupuesto Núñez.PDF", pdf),
            "Presupuesto Núñez.PDF");
  EXPECT_EQ(SanitiseFileName("../../etc/passwd", text), "passwd.txt");
  EXPECT_EQ(SanitiseFileName("  ..hidden.txt  ", text), "hidden.txt");
  EXPECT_EQ(SanitiseFileName("virus.exe", pdf), "virus.exe.pdf");
  EXPECT_EQ(SanitiseFileName("", pdf), "file.pdf");
  EXPECT_EQ(SanitiseFileName("a\r\nb\x01.pdf", pdf), "ab.pdf");
  EXPECT_EQ(SanitiseFileName("cod\xE2\x80\xAEgpj.pdf", pdf), "codgpj.pdf");  // U+202E removed
  EXPECT_EQ(SanitiseFileName("bad\xFF\xC3.pdf", pdf), "bad\xEF\xBF\xBD\xEF\xBF\xBD.pdf");
  const std::string long_name = SanitiseFileName(std::string(300, 'n') + "ñ.pdf", pdf);
  EXPECT_EQ(long_name.size(), 251U + 4U);  // 251 code points of stem + ".pdf" = 255
  EXPECT_EQ(long_name.substr(long_name.size() - 4), ".pdf");
  const std::string accents = SanitiseFileName(std::string(400, '\xC3') + ".pdf", pdf);
  EXPECT_LE(text::CodePointCount(accents), 255U);
}

TEST(ContentDisposition, GivesAnAsciiFallbackAndTheExactName) {
  EXPECT_EQ(ContentDisposition(true, "Factura Núñez \"2\".pdf"),
            "inline; filename=\"Factura N__ez _2_.pdf\"; "
            "filename*=UTF-8''Factura%20N%C3%BA%C3%B1ez%20%222%22.pdf");
  EXPECT_EQ(ContentDisposition(false, "100%.csv"),
            "attachment; filename=\"100_.csv\"; filename*=UTF-8''100%25.csv");
}

TEST(EventKind, MapsEveryTypeToOneKind) {
  using history::EventKind;
  EXPECT_EQ(EventKind("order_placed"), "order");
  EXPECT_EQ(EventKind("quote_converted"), "order");
  EXPECT_EQ(EventKind("note_deleted"), "note");
  EXPECT_EQ(EventKind("customer_created"), "created");
  EXPECT_EQ(EventKind("customer_updated"), "updated");
  EXPECT_EQ(EventKind("address_added"), "updated");
  EXPECT_EQ(EventKind("customer_status_changed"), "status");
  EXPECT_EQ(EventKind("comment_added"), "comment");
  EXPECT_EQ(EventKind("attachment_added"), "attachment");
  EXPECT_EQ(EventKind("login"), "login");
  EXPECT_EQ(EventKind("contact_login"), "login");
  EXPECT_EQ(EventKind("message_sent"), "message");
  EXPECT_EQ(EventKind("something_new"), "updated");
  for (const auto type :
       {"order_placed", "note_added", "customer_created", "comment_added", "attachment_added",
        "login", "message_sent", "customer_status_changed", "x"}) {
    const auto& kinds = history::kEventKinds;
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), EventKind(type)), kinds.end()) << type;
  }
}

TEST(EventJson, ShowsChangesBodyOrderAndAttachment) {
  Event status;
  status.id = 7;
  status.type = "order_status_changed";
  status.kind = "order";
  status.order_id = 3;
  status.order_number = "P-000003";
  status.order_kind = "order";
  status.actor_kind = "staff";
  status.actor_id = 2;
  status.actor_name = "Ana";
  status.data = {{"from", "pending"}, {"to", "confirmed"}};
  status.at = 1'700'000'000'000'000;
  const json::object item = EventJson(status);
  EXPECT_EQ(item.at("id"), "7");
  EXPECT_EQ(item.at("at"), "2023-11-14T22:13:20Z");
  EXPECT_EQ(item.at("summary"), "Order P-000003 status: pending → confirmed");
  EXPECT_EQ(item.at("actor"), (json::object{{"type", "staff"}, {"id", "2"}, {"name", "Ana"}}));
  EXPECT_EQ(item.at("changes"),
            (json::array{{{"field", "status"}, {"from", "pending"}, {"to", "confirmed"}}}));
  EXPECT_EQ(item.at("order"),
            (json::object{{"id", "3"}, {"number", "P-000003"}, {"kind", "order"}}));
  EXPECT_TRUE(item.at("body").is_null());
  EXPECT_TRUE(item.at("attachment").is_null());

  Event update;
  update.type = "customer_updated";
  update.kind = "updated";
  update.actor_kind = "system";
  update.data = {
      {"changes", json::array{{{"field", "email"}, {"from", nullptr}, {"to", "a@b.es"}},
                              {{"field", "discount_percent"}, {"from", 5}, {"to", 7.5}}}}};
  EXPECT_EQ(Summary(update), "Changed email, discount_percent");
  EXPECT_EQ(EventJson(update).at("actor").at("id"), nullptr);

  Event file;
  file.type = "attachment_added";
  file.kind = "attachment";
  file.data = {{"attachment", {{"id", "12"}, {"name", "plano.pdf"}, {"size", 10}}},
               {"body", "El plano"}};
  const json::object attached = EventJson(file);
  EXPECT_EQ(attached.at("attachment").at("url"), "/api/v1/attachments/12");
  EXPECT_EQ(attached.at("body"), "El plano");
  EXPECT_EQ(attached.at("summary"), "File attached: plano.pdf");
  EXPECT_TRUE(attached.at("order").is_null());

  Event unknown;
  unknown.type = "something_new";
  EXPECT_EQ(Summary(unknown), "Something new");

  Event invited;
  invited.type = "contact_invited";
  invited.data = {{"name", "Marta Gil"}};
  EXPECT_EQ(Summary(invited), "Portal invitation sent to Marta Gil");
  Event sent;
  sent.type = "message_sent";
  sent.data = {{"to", "a@b.example"}, {"subject", "Tu pedido"}};
  EXPECT_EQ(Summary(sent), "Email sent to a@b.example: Tu pedido");
}

class HistoryFiles : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialise());
    folder_ = std::filesystem::temp_directory_path() /
              ("cartera_history_" + crypto::Sha256Hex(crypto::RandomToken()).substr(0, 12));
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::filesystem::path folder_;
};

TEST_F(HistoryFiles, StoresContentOnceUnderItsHash) {
  const AttachmentStore store(folder_ / "attachments");
  const std::string content = "%PDF-1.4 contenido";
  const std::string sha256 = store.Put(content);
  EXPECT_EQ(sha256, crypto::Sha256Hex(content));
  const auto path = folder_ / "attachments" / sha256.substr(0, 2) / sha256;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(store.Put(content), sha256);
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder_)) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 1U) << "one file, no temporary left behind";
  EXPECT_EQ(store.Read(sha256), content);
  EXPECT_EQ(store.Read(std::string(64, 'a')), std::nullopt);
  EXPECT_EQ(store.Read("../../etc/passwd"), std::nullopt);
}

TEST_F(HistoryFiles, ListsNewestFirstByKindWithCursors) {
  std::filesystem::create_directories(folder_);
  auto database = storage::Open("sqlite:" + (folder_ / "t.db").string(), 4);
  storage::Migrate(*database);
  customers::CustomerRepository repository;
  customers::Customer sample;
  sample.name = "Ferretería";
  sample.currency = "EUR";
  sample.language = "es";
  const auto customer = database->InTransaction(
      [&](storage::Connection& connection) { return repository.Insert(connection, sample); });
  ASSERT_TRUE(customer.ok());
  HistoryService history(*database, folder_);
  const Author author{1, "Ana"};
  // 30 events of three kinds, several in the same microsecond.
  ASSERT_TRUE(database
                  ->InTransaction([&](storage::Connection& connection) -> Status {
                    for (int i = 0; i < 30; ++i) {
                      const char* type = i % 3 == 0   ? "note_added"
                                         : i % 3 == 1 ? "customer_updated"
                                                      : "comment_added";
                      history::RecordEvent(connection, customer->id, std::nullopt, type,
                                           {"staff", 1, "Ana"}, {{"i", i}}, 1000 + i / 4);
                    }
                    return Ok{};
                  })
                  .ok());
  const auto walk = [&](const std::vector<std::string>& kinds, int64_t limit) {
    std::vector<Event> all;
    std::optional<std::string> cursor;
    do {
      auto page = history.List(customer->id, kinds, cursor, limit);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) break;
      EXPECT_LE(static_cast<int64_t>(page->items.size()), limit);
      all.insert(all.end(), page->items.begin(), page->items.end());
      cursor = page->next_cursor;
    } while (cursor);
    return all;
  };
  const auto every = walk({}, 7);
  ASSERT_EQ(every.size(), 30U);
  std::set<int64_t> ids;
  for (size_t i = 0; i < every.size(); ++i) {
    ids.insert(every[i].id);
    if (i > 0) {
      EXPECT_TRUE(every[i - 1].at > every[i].at ||
                  (every[i - 1].at == every[i].at && every[i - 1].id > every[i].id));
    }
  }
  EXPECT_EQ(ids.size(), 30U);
  const auto notes_and_comments = walk({"note", "comment", "note"}, 4);
  ASSERT_EQ(notes_and_comments.size(), 20U);
  for (const auto& event : notes_and_comments) EXPECT_NE(event.kind, "updated");
  EXPECT_EQ(walk({"note"}, 50).size(), 10U);
  EXPECT_EQ(walk({"order"}, 50).size(), 0U);
  EXPECT_FALSE(history.List(customer->id, {}, "garbage", 5).ok());
  EXPECT_EQ(history.List(customer->id + 100, {}, std::nullopt, 5).error().code,
            ErrorCode::kNotFound);

  const auto added =
      history.AddAttachment(customer->id, "%PDF-1.4 x", "plano.pdf", "El plano", author);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->kind, "attachment");
  const auto id = std::stoll(std::string(added->data.at("attachment").at("id").as_string()));
  const auto attachment = history.FindAttachment(id);
  ASSERT_TRUE(attachment.has_value());
  EXPECT_EQ(attachment->name, "plano.pdf");
  EXPECT_EQ(history.ReadContent(*attachment), "%PDF-1.4 x");
  EXPECT_EQ(history.AddAttachment(customer->id, "<html>", "a.html", std::nullopt, author)
                .error()
                .fields.at(0)
                .code,
            "unsupported_type");
  EXPECT_EQ(history.AddAttachment(customer->id, "", "a.txt", std::nullopt, author)
                .error()
                .fields.at(0)
                .code,
            "required");
  EXPECT_EQ(history
                .AddAttachment(customer->id, std::string(kMaxFileBytes + 1, 'a'), "a.txt",
                               std::nullopt, author)
                .error()
                .code,
            ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace cartera::history
