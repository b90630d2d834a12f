#include "history/history_service.hpp"

#include <boost/json/object.hpp>

#include <algorithm>

#include "common/cursor.hpp"
#include "history/event_log.hpp"
#include "history/file_type.hpp"

namespace cartera::history {
namespace {

namespace json = boost::json;
using storage::Connection;

// The position after which a history cursor continues (created_at, id of the last event given).
// Errors: kInvalidArgument (a cursor this list did not issue).
Result<std::optional<EventPosition>> After(const std::optional<std::string>& cursor) {
  if (!cursor) return std::optional<EventPosition>{};
  TRY_ASSIGN(const auto position, cursor::Decode("history", *cursor));
  try {
    size_t used = 0;
    const int64_t created = std::stoll(position.key, &used);
    if (used != position.key.size()) return cursor::Invalid();
    return std::optional<EventPosition>(EventPosition{created, position.id});
  } catch (const std::exception&) {
    return cursor::Invalid();
  }
}

// One page out of `limit` + 1 events.
HistoryPage Page(std::vector<Event> events, int64_t limit) {
  HistoryPage page{std::move(events), std::nullopt};
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    const Event& last = page.items.back();
    page.next_cursor = cursor::Encode("history", {std::to_string(last.at), last.id});
  }
  return page;
}

history::EventActor Staff(const Author& author) {
  return history::EventActor{"staff", author.id, author.name};
}

}  // namespace

Result<HistoryPage> HistoryService::List(int64_t customer_id, const std::vector<std::string>& kinds,
                                         std::optional<std::string> cursor, int64_t limit) {
  auto connection = database_.Acquire();
  if (!repository_.CustomerExists(*connection, customer_id)) return NotFound("customer");
  TRY_ASSIGN(const auto after, After(cursor));
  std::vector<std::string> wanted = kinds;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  if (wanted.size() == history::kEventKinds.size()) wanted.clear();  // every kind
  return Page(repository_.ListForCustomer(*connection, customer_id, wanted, after, limit + 1),
              limit);
}

Result<HistoryPage> HistoryService::ListForContact(int64_t contact_id,
                                                   const std::vector<std::string>& kinds,
                                                   std::optional<std::string> cursor,
                                                   int64_t limit) {
  auto connection = database_.Acquire();
  if (!repository_.ContactExists(*connection, contact_id)) return NotFound("contact");
  TRY_ASSIGN(const auto after, After(cursor));
  return Page(repository_.ListForContact(*connection, contact_id, kinds, after, limit + 1), limit);
}

Result<Event> HistoryService::AddComment(int64_t customer_id, std::string body,
                                         const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Result<Event> {
    if (!repository_.CustomerExists(connection, customer_id)) return NotFound("customer");
    const int64_t id = history::RecordEvent(connection, customer_id, std::nullopt, "comment_added",
                                            Staff(author), {{"body", body}}, time::Now());
    return *repository_.FindEvent(connection, id);
  });
}

Result<Event> HistoryService::AddAttachment(int64_t customer_id, std::string_view content,
                                            std::string_view filename,
                                            std::optional<std::string> comment,
                                            const Author& author) {
  {
    auto connection = database_.Acquire();
    if (!repository_.CustomerExists(*connection, customer_id)) return NotFound("customer");
  }
  if (content.size() > kMaxFileBytes) {
    return MakeError(ErrorCode::kTooLarge, "payload_too_large",
                     "A file may have at most " + std::to_string(kMaxFileBytes) + " bytes.");
  }
  if (content.empty()) {
    return ValidationError({{"file", "required", "The file is empty."}});
  }
  const auto type = SniffFileType(content, filename);
  if (!type) {
    return ValidationError(
        {{"file", "unsupported_type",
          "Accepted files: PDF, PNG, JPEG, GIF, WebP, Excel, Word, PowerPoint, OpenDocument, CSV "
          "and plain text."}});
  }
  Attachment attachment;
  attachment.customer_id = customer_id;
  attachment.name = SanitiseFileName(filename, *type);
  attachment.content_type = std::string(type->content_type);
  attachment.size = static_cast<int64_t>(content.size());
  attachment.sha256 = store_.Put(content);
  attachment.uploaded_by = author.id;
  attachment.uploaded_by_name = author.name;
  attachment.created_at = time::Now();
  return database_.InTransaction([&](Connection& connection) -> Result<Event> {
    if (!repository_.CustomerExists(connection, customer_id)) return NotFound("customer");
    attachment.id = repository_.InsertAttachment(connection, attachment);
    json::object data{{"attachment",
                       {{"id", std::to_string(attachment.id)},
                        {"name", attachment.name},
                        {"content_type", attachment.content_type},
                        {"size", attachment.size},
                        {"sha256", attachment.sha256}}}};
    if (comment) data["body"] = *comment;
    const int64_t id =
        history::RecordEvent(connection, customer_id, std::nullopt, "attachment_added",
                             Staff(author), data, attachment.created_at);
    return *repository_.FindEvent(connection, id);
  });
}

std::optional<Attachment> HistoryService::FindAttachment(int64_t id) {
  auto connection = database_.Acquire();
  return repository_.FindAttachment(*connection, id);
}

std::optional<std::string> HistoryService::ReadContent(const Attachment& attachment) const {
  return store_.Read(attachment.sha256);
}

}  // namespace cartera::history
