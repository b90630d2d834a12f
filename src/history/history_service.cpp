#include "history/history_service.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

#include "common/cursor.hpp"
#include "history/event_log.hpp"
#include "history/file_type.hpp"

namespace cartera::history {
namespace {

namespace json = boost::json;
using storage::Connection;

constexpr std::string_view kEventColumns =
    "id, customer_id, type, kind, order_id, actor_kind, actor_id, actor_name, data, created_at";
constexpr std::string_view kOrdered = " ORDER BY created_at DESC, id DESC LIMIT ";

Event FromRow(const storage::Row& row) {
  Event event;
  event.id = row.Int(0);
  event.customer_id = row.Int(1);
  event.type = row.Text(2);
  event.kind = row.Text(3);
  event.order_id = row.OptionalInt(4);
  event.actor_kind = row.Text(5);
  event.actor_id = row.OptionalInt(6);
  event.actor_name = row.OptionalText(7);
  boost::system::error_code error;
  json::value data = json::parse(row.Text(8), error);
  if (!error && data.is_object()) event.data = std::move(data.as_object());
  event.at = row.Int(9);
  event.order_number = row.OptionalText(10);
  event.order_kind = row.OptionalText(11);
  return event;
}

// `inner` (rows of customer_events in kEventColumns) with the number and kind of their order.
std::string WithOrders(const std::string& inner) {
  return "SELECT e.id, e.customer_id, e.type, e.kind, e.order_id, e.actor_kind, e.actor_id, "
         "e.actor_name, e.data, e.created_at, o.number, o.kind FROM (" +
         inner + ") AS e LEFT JOIN orders AS o ON o.id = e.order_id" +
         " ORDER BY e.created_at DESC, e.id DESC";
}

std::optional<Event> FindEventIn(Connection& connection, int64_t id) {
  const auto rows = connection.Query(
      WithOrders("SELECT " + std::string(kEventColumns) + " FROM customer_events WHERE id = $1"),
      {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

// The condition for the events after a history cursor (created_at, id of the last one given),
// newest first, with its two values appended to `params` as $2 and $3. `created_at <= $2` is
// the index range; the rest only sorts out the few events of that same microsecond.
// Errors: kInvalidArgument (a cursor this list did not issue).
Result<std::string> After(const std::string& cursor, storage::Params& params) {
  TRY_ASSIGN(const auto position, cursor::Decode("history", cursor));
  int64_t created = 0;
  try {
    size_t used = 0;
    created = std::stoll(position.key, &used);
    if (used != position.key.size()) return cursor::Invalid();
  } catch (const std::exception&) {
    return cursor::Invalid();
  }
  params.insert(params.end(), {created, position.id});
  return std::string(" AND created_at <= $2 AND (created_at < $2 OR id < $3)");
}

bool CustomerExists(Connection& connection, int64_t id) {
  return !connection.Query("SELECT 1 FROM customers WHERE id = $1", {id}).empty();
}

history::EventActor Staff(const Author& author) {
  return history::EventActor{"staff", author.id, author.name};
}

}  // namespace

Result<HistoryPage> HistoryService::List(int64_t customer_id, const std::vector<std::string>& kinds,
                                         std::optional<std::string> cursor, int64_t limit) {
  auto connection = database_.Acquire();
  if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
  storage::Params params = {customer_id};
  std::string after;
  if (cursor) {
    TRY_ASSIGN(after, After(*cursor, params));
  }
  params.emplace_back(limit + 1);
  const std::string limit_placeholder = "$" + std::to_string(params.size());
  std::vector<std::string> wanted = kinds;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::string inner;
  if (wanted.empty() || wanted.size() == history::kEventKinds.size()) {
    inner = "SELECT " + std::string(kEventColumns) +
            " FROM customer_events WHERE customer_id = $1" + after + std::string(kOrdered) +
            limit_placeholder;
  } else {
    // One index range per kind (customer_id, kind, created_at, id), each stopping after a page;
    // the outer query merges them. The cost follows the page size, not the customer's events.
    for (size_t i = 0; i < wanted.size(); ++i) {
      params.emplace_back(wanted[i]);
      if (i > 0) inner += " UNION ALL ";
      inner += "SELECT * FROM (SELECT " + std::string(kEventColumns) +
               " FROM customer_events WHERE customer_id = $1 AND kind = $" +
               std::to_string(params.size()) + after + std::string(kOrdered) + limit_placeholder +
               ") AS kind_" + std::to_string(i);
    }
    inner = "SELECT * FROM (" + inner + ") AS merged" + std::string(kOrdered) + limit_placeholder;
  }
  HistoryPage page;
  for (const auto& row : connection->Query(WithOrders(inner), params)) {
    page.items.push_back(FromRow(row));
  }
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    const Event& last = page.items.back();
    page.next_cursor = cursor::Encode("history", {std::to_string(last.at), last.id});
  }
  return page;
}

Result<HistoryPage> HistoryService::ListForContact(int64_t contact_id,
                                                   const std::vector<std::string>& kinds,
                                                   std::optional<std::string> cursor,
                                                   int64_t limit) {
  auto connection = database_.Acquire();
  if (connection->Query("SELECT 1 FROM contacts WHERE id = $1", {contact_id}).empty()) {
    return NotFound("contact");
  }
  storage::Params params = {contact_id};
  std::string after;
  if (cursor) {
    TRY_ASSIGN(after, After(*cursor, params));
  }
  // A contact has few events (its own sign-ins, orders, messages and changes): one range of
  // customer_events_contact, the kinds filtered on the way.
  std::string kind_filter;
  if (!kinds.empty()) {
    std::vector<std::string> wanted = kinds;
    kind_filter = " AND kind IN (" + storage::InList(params, wanted) + ")";
  }
  params.emplace_back(limit + 1);
  const std::string inner = "SELECT " + std::string(kEventColumns) +
                            " FROM customer_events WHERE contact_id = $1" + after + kind_filter +
                            std::string(kOrdered) + "$" + std::to_string(params.size());
  HistoryPage page;
  for (const auto& row : connection->Query(WithOrders(inner), params)) {
    page.items.push_back(FromRow(row));
  }
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    const Event& last = page.items.back();
    page.next_cursor = cursor::Encode("history", {std::to_string(last.at), last.id});
  }
  return page;
}

Result<Event> HistoryService::AddComment(int64_t customer_id, std::string body,
                                         const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Result<Event> {
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    const int64_t id = history::RecordEvent(connection, customer_id, std::nullopt, "comment_added",
                                            Staff(author), {{"body", body}}, time::Now());
    return *FindEventIn(connection, id);
  });
}

Result<Event> HistoryService::AddAttachment(int64_t customer_id, std::string_view content,
                                            std::string_view filename,
                                            std::optional<std::string> comment,
                                            const Author& author) {
  {
    auto connection = database_.Acquire();
    if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
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
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    attachment.id =
        connection
            .Query(
                "INSERT INTO attachments (customer_id, name, content_type, size, sha256, "
                "uploaded_by, uploaded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                "$8) RETURNING id",
                {customer_id, attachment.name, attachment.content_type, attachment.size,
                 attachment.sha256, storage::Nullable(attachment.uploaded_by),
                 attachment.uploaded_by_name, attachment.created_at})
            .at(0)
            .Int(0);
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
    return *FindEventIn(connection, id);
  });
}

std::optional<Attachment> HistoryService::FindAttachment(int64_t id) {
  auto connection = database_.Acquire();
  const auto rows = connection->Query(
      "SELECT id, customer_id, name, content_type, size, sha256, uploaded_by, uploaded_by_name, "
      "created_at FROM attachments WHERE id = $1",
      {id});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return Attachment{row.Int(0),  row.Int(1),         row.Text(2), row.Text(3), row.Int(4),
                    row.Text(5), row.OptionalInt(6), row.Text(7), row.Int(8)};
}

std::optional<std::string> HistoryService::ReadContent(const Attachment& attachment) const {
  return store_.Read(attachment.sha256);
}

}  // namespace cartera::history
