#include "history/history_repository.hpp"

#include <boost/json/parse.hpp>

namespace cartera::history {
namespace {

namespace json = boost::json;
using storage::Connection;

// The contact defaults to the order's ($4).
constexpr std::string_view kInsertEvent =
    "INSERT INTO customer_events (customer_id, type, kind, order_id, actor_kind, actor_id, "
    "actor_name, data, created_at, contact_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "COALESCE($10, (SELECT contact_id FROM orders WHERE id = $4))) RETURNING id";
constexpr std::string_view kDetachContact =
    "UPDATE customer_events SET contact_id = NULL WHERE contact_id = $1";
// A list is kWithOrdersHead, an inner query of customer_events rows in kEventColumns, and
// kWithOrdersTail: the rows with the number and kind of their order.
constexpr std::string_view kWithOrdersHead =
    "SELECT e.id, e.customer_id, e.type, e.kind, e.order_id, e.actor_kind, e.actor_id, "
    "e.actor_name, e.data, e.created_at, o.number, o.kind FROM (";
constexpr std::string_view kWithOrdersTail =
    ") AS e LEFT JOIN orders AS o ON o.id = e.order_id ORDER BY e.created_at DESC, e.id DESC";
constexpr std::string_view kEventColumns =
    "id, customer_id, type, kind, order_id, actor_kind, actor_id, actor_name, data, created_at";
constexpr std::string_view kEventById = " FROM customer_events WHERE id = $1";
constexpr std::string_view kOfCustomer = " FROM customer_events WHERE customer_id = $1";
constexpr std::string_view kOfContact = " FROM customer_events WHERE contact_id = $1";
// After a cursor ($2 created_at, $3 id): `created_at <= $2` is the index range; the rest only
// sorts out the few events of that same microsecond.
constexpr std::string_view kAfter = " AND created_at <= $2 AND (created_at < $2 OR id < $3)";
constexpr std::string_view kOrdered = " ORDER BY created_at DESC, id DESC LIMIT ";

constexpr std::string_view kInsertAttachment =
    "INSERT INTO attachments (customer_id, name, content_type, size, sha256, uploaded_by, "
    "uploaded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kFindAttachment =
    "SELECT id, customer_id, name, content_type, size, sha256, uploaded_by, uploaded_by_name, "
    "created_at FROM attachments WHERE id = $1";
constexpr std::string_view kDeleteEventsOf = "DELETE FROM customer_events WHERE customer_id = $1";
constexpr std::string_view kDeleteAttachmentsOf = "DELETE FROM attachments WHERE customer_id = $1";

constexpr std::string_view kCustomerExists = "SELECT 1 FROM customers WHERE id = $1";
constexpr std::string_view kContactExists = "SELECT 1 FROM contacts WHERE id = $1";

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

std::vector<Event> WithOrders(Connection& connection, const std::string& inner,
                              const storage::Params& params) {
  std::vector<Event> events;
  const std::string sql = std::string(kWithOrdersHead) + inner + std::string(kWithOrdersTail);
  for (const auto& row : connection.Query(sql, params)) events.push_back(FromRow(row));
  return events;
}

// "SELECT <columns>" + `from`: one range of customer_events.
std::string Select(std::string_view from) {
  return "SELECT " + std::string(kEventColumns) + std::string(from);
}

// Appends the cursor's values as $2 and $3 and returns the condition.
std::string After(const std::optional<EventPosition>& after, storage::Params& params) {
  if (!after) return "";
  params.insert(params.end(), {after->first, after->second});
  return std::string(kAfter);
}

}  // namespace

int64_t HistoryRepository::InsertEvent(Connection& connection, const NewEvent& event) {
  return connection
      .Query(kInsertEvent, {event.customer_id, event.type, event.kind,
                            storage::Nullable(event.order_id), event.actor_kind,
                            storage::Nullable(event.actor_id), storage::Nullable(event.actor_name),
                            event.data, event.at, storage::Nullable(event.contact_id)})
      .at(0)
      .Int(0);
}

std::optional<Event> HistoryRepository::FindEvent(Connection& connection, int64_t id) {
  auto events = WithOrders(connection, Select(kEventById), {id});
  if (events.empty()) return std::nullopt;
  return std::move(events[0]);
}

std::vector<Event> HistoryRepository::ListForCustomer(Connection& connection, int64_t customer_id,
                                                      const std::vector<std::string>& kinds,
                                                      const std::optional<EventPosition>& after,
                                                      int64_t limit) {
  storage::Params params = {customer_id};
  const std::string after_condition = After(after, params);
  params.emplace_back(limit);
  const std::string limit_placeholder = "$" + std::to_string(params.size());
  if (kinds.empty()) {
    return WithOrders(
        connection,
        Select(kOfCustomer) + after_condition + std::string(kOrdered) + limit_placeholder, params);
  }
  // One index range per kind (customer_id, kind, created_at, id), each stopping after a page;
  // the outer query merges them. The cost follows the page size, not the customer's events.
  std::string inner;
  for (size_t i = 0; i < kinds.size(); ++i) {
    params.emplace_back(kinds[i]);
    if (i > 0) inner += " UNION ALL ";
    inner += "SELECT * FROM (" + Select(kOfCustomer) + " AND kind = $" +
             std::to_string(params.size()) + after_condition + std::string(kOrdered) +
             limit_placeholder + ") AS kind_" + std::to_string(i);
  }
  inner = "SELECT * FROM (" + inner + ") AS merged" + std::string(kOrdered) + limit_placeholder;
  return WithOrders(connection, inner, params);
}

std::vector<Event> HistoryRepository::ListForContact(Connection& connection, int64_t contact_id,
                                                     const std::vector<std::string>& kinds,
                                                     const std::optional<EventPosition>& after,
                                                     int64_t limit) {
  storage::Params params = {contact_id};
  const std::string after_condition = After(after, params);
  // A contact has few events (its own sign-ins, orders, messages and changes): one range of
  // customer_events_contact, the kinds filtered on the way.
  std::string kind_filter;
  if (!kinds.empty()) kind_filter = " AND kind IN (" + storage::InList(params, kinds) + ")";
  params.emplace_back(limit);
  return WithOrders(connection,
                    Select(kOfContact) + after_condition + kind_filter + std::string(kOrdered) +
                        "$" + std::to_string(params.size()),
                    params);
}

void HistoryRepository::DetachContact(Connection& connection, int64_t contact_id) {
  connection.Execute(kDetachContact, {contact_id});
}

int64_t HistoryRepository::InsertAttachment(Connection& connection, const Attachment& attachment) {
  return connection
      .Query(kInsertAttachment,
             {attachment.customer_id, attachment.name, attachment.content_type, attachment.size,
              attachment.sha256, storage::Nullable(attachment.uploaded_by),
              attachment.uploaded_by_name, attachment.created_at})
      .at(0)
      .Int(0);
}

std::optional<Attachment> HistoryRepository::FindAttachment(Connection& connection, int64_t id) {
  const auto rows = connection.Query(kFindAttachment, {id});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return Attachment{row.Int(0),  row.Int(1),         row.Text(2), row.Text(3), row.Int(4),
                    row.Text(5), row.OptionalInt(6), row.Text(7), row.Int(8)};
}

void HistoryRepository::DeleteForCustomer(Connection& connection, int64_t customer_id) {
  connection.Execute(kDeleteEventsOf, {customer_id});
  connection.Execute(kDeleteAttachmentsOf, {customer_id});
}

bool HistoryRepository::CustomerExists(Connection& connection, int64_t customer_id) {
  return !connection.Query(kCustomerExists, {customer_id}).empty();
}

bool HistoryRepository::ContactExists(Connection& connection, int64_t contact_id) {
  return !connection.Query(kContactExists, {contact_id}).empty();
}

}  // namespace cartera::history
