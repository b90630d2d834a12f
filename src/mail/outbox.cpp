#include "mail/outbox.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/cursor.hpp"
#include "common/text.hpp"
#include "history/event_log.hpp"
#include "mail/templates.hpp"

namespace cartera::mail {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Params;

constexpr std::string_view kDefaultStoreName = "Cartera";

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (customer_id, contact_id, channel, to_address, to_name, language, "
    "template, template_id, from_name, subject, body_text, body_html, payload, attachments, "
    "message_id, batch_id, sent_by, sent_by_name, status, attempts, next_attempt_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
    "'queued', 0, $19, $19) RETURNING id";
constexpr std::string_view kSetOwnBatch =
    "UPDATE mail_outbox SET batch_id = id WHERE id = $1 AND batch_id IS NULL";
// The columns of MessageSummary, in SummaryFromRow's order.
constexpr std::string_view kSummaryColumns =
    "id, contact_id, to_address, subject, template, status, attempts, last_error, created_at, "
    "sent_at, customer_id, channel, batch_id, to_name, template_id, delivered_at, read_at, "
    "sent_by, sent_by_name, attachments";
constexpr std::string_view kRequeue =
    "UPDATE mail_outbox SET status = 'queued', next_attempt_at = $1, last_error = NULL, "
    "claim_token = NULL WHERE id = $2 AND status = 'failed'";

MessageSummary SummaryFromRow(const storage::Row& row) {
  MessageSummary message;
  message.id = row.Int(0);
  message.contact_id = row.OptionalInt(1);
  message.to_address = row.Text(2);
  message.subject = row.Text(3);
  message.template_name = row.Text(4);
  message.status = row.Text(5);
  message.attempts = row.Int(6);
  message.last_error = row.OptionalText(7);
  message.created_at = row.Int(8);
  message.sent_at = row.OptionalInt(9);
  message.customer_id = row.OptionalInt(10);
  message.channel = row.Text(11);
  message.batch_id = row.OptionalInt(12).value_or(message.id);
  message.to_name = row.Text(13);
  message.template_id = row.OptionalInt(14);
  message.delivered_at = row.OptionalInt(15);
  message.read_at = row.OptionalInt(16);
  message.sent_by = row.OptionalInt(17);
  message.sent_by_name = row.OptionalText(18);
  message.attachments = row.Text(19);
  return message;
}

json::object EventData(const storage::Row& row, int64_t id) {
  // row: customer_id, to_address, subject, template, channel, contact_id, last_error
  json::object data{{"message_id", std::to_string(id)},
                    {"channel", row.Text(4)},
                    {"to", row.Text(1)},
                    {"subject", row.Text(2)},
                    {"template", row.Text(3)}};
  if (!row.IsNull(5)) data["contact_id"] = std::to_string(row.Int(5));
  if (!row.IsNull(6)) data["error"] = row.Text(6);
  return data;
}

constexpr std::string_view kEventColumns =
    "customer_id, to_address, subject, template, channel, contact_id, last_error";

}  // namespace

std::string_view ChannelName(Channel channel) {
  return channel == Channel::kWhatsApp ? "whatsapp" : "email";
}

std::optional<Channel> ParseChannel(std::string_view name) {
  if (name == "email") return Channel::kEmail;
  if (name == "whatsapp") return Channel::kWhatsApp;
  return std::nullopt;
}

std::string_view StatusName(DeliveryStatus status) {
  return kStatuses[static_cast<size_t>(status)];
}

std::optional<DeliveryStatus> ParseStatus(std::string_view name) {
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == name) return static_cast<DeliveryStatus>(i);
  }
  return std::nullopt;
}

std::string StoreName(Connection& connection) {
  const auto rows = connection.Query("SELECT value FROM settings WHERE key = 'store_name'");
  const std::string name = rows.empty() ? std::string() : std::string(text::Trim(rows[0].Text(0)));
  return name.empty() ? std::string(kDefaultStoreName) : name;
}

int64_t Insert(Connection& connection, const OutgoingMessage& message, time::Micros now) {
  // Unique without coordination: the time and 96 random bits. The sender adds "@" and the
  // domain of its From address.
  const std::string message_id = std::to_string(now) + "." + crypto::RandomToken(12);
  const int64_t id =
      connection
          .Query(kInsert,
                 {storage::Nullable(message.customer_id), storage::Nullable(message.contact_id),
                  std::string(ChannelName(message.channel)), message.to_address, message.to_name,
                  std::string(NormaliseLanguage(message.language)), message.template_name,
                  storage::Nullable(message.template_id), StoreName(connection), message.subject,
                  message.body_text, message.body_html, storage::Nullable(message.payload),
                  message.attachments, message_id, storage::Nullable(message.batch_id),
                  storage::Nullable(message.sent_by), storage::Nullable(message.sent_by_name), now})
          .at(0)
          .Int(0);
  if (!message.batch_id) connection.Execute(kSetOwnBatch, {id});
  return id;
}

std::optional<MessageSummary> FindMessage(Connection& connection, int64_t id) {
  const auto rows = connection.Query("SELECT " + std::string(kSummaryColumns) +
                                         ", body_text, body_html FROM mail_outbox WHERE id = $1",
                                     {id});
  if (rows.empty()) return std::nullopt;
  MessageSummary message = SummaryFromRow(rows[0]);
  message.body_text = rows[0].Text(20);
  message.body_html = rows[0].Text(21);
  return message;
}

std::vector<MessageSummary> FindBatch(Connection& connection, int64_t batch_id) {
  std::vector<MessageSummary> messages;
  for (const auto& row : connection.Query("SELECT " + std::string(kSummaryColumns) +
                                              " FROM mail_outbox WHERE batch_id = $1 ORDER BY id",
                                          {batch_id})) {
    messages.push_back(SummaryFromRow(row));
  }
  return messages;
}

Status Requeue(Connection& connection, int64_t id, time::Micros now) {
  if (connection.Execute(kRequeue, {now, id}) == 1) return Ok{};
  if (connection.Query("SELECT 1 FROM mail_outbox WHERE id = $1", {id}).empty()) {
    return NotFound("message");
  }
  return MakeError(ErrorCode::kConflict, "not_failed", "Only a failed message can be retried.");
}

bool ApplyProviderStatus(Connection& connection, std::string_view provider_id,
                         DeliveryStatus status, const std::string& error, time::Micros at) {
  // Forward only: a late "sent" never undoes "read".
  std::string sql;
  Params params;
  switch (status) {
    case DeliveryStatus::kDelivered:
      sql =
          "UPDATE mail_outbox SET status = 'delivered', delivered_at = $1 WHERE "
          "provider_message_id = $2 AND status IN ('queued', 'sent') RETURNING id, " +
          std::string(kEventColumns);
      params = {at, std::string(provider_id)};
      break;
    case DeliveryStatus::kRead:
      sql =
          "UPDATE mail_outbox SET status = 'read', read_at = $1, delivered_at = "
          "COALESCE(delivered_at, $1) WHERE provider_message_id = $2 AND status IN ('queued', "
          "'sent', 'delivered') RETURNING id, " +
          std::string(kEventColumns);
      params = {at, std::string(provider_id)};
      break;
    case DeliveryStatus::kFailed:
      sql =
          "UPDATE mail_outbox SET status = 'failed', last_error = $1 WHERE "
          "provider_message_id = $2 AND status IN ('queued', 'sent', 'delivered') RETURNING "
          "id, " +
          std::string(kEventColumns);
      params = {error, std::string(provider_id)};
      break;
    default:
      return false;  // sent: we knew when the API accepted it
  }
  const auto rows = connection.Query(sql, params);
  for (const auto& row : rows) {
    if (row.IsNull(1)) continue;
    const storage::Row& event_row = row;
    // Shift: EventData reads from column 0; the RETURNING put id first.
    json::object data{{"message_id", std::to_string(event_row.Int(0))},
                      {"channel", event_row.Text(5)},
                      {"to", event_row.Text(2)},
                      {"subject", event_row.Text(3)},
                      {"template", event_row.Text(4)}};
    if (!event_row.IsNull(6)) data["contact_id"] = std::to_string(event_row.Int(6));
    if (!event_row.IsNull(7)) data["error"] = event_row.Text(7);
    const std::string type = "message_" + std::string(StatusName(status));
    history::RecordEvent(connection, event_row.Int(1), std::nullopt, type,
                         history::EventActor{"system", std::nullopt, std::nullopt}, data, at);
  }
  return !rows.empty();
}

int64_t Enqueue(Connection& connection, const MailRequest& request) {
  const std::string_view language = NormaliseLanguage(request.language);
  json::object values = request.values;
  json::object store;
  if (const auto* given = values.if_contains("store"); given && given->is_object()) {
    store = given->get_object();
  }
  store["name"] = StoreName(connection);
  values["store"] = std::move(store);
  const RenderedMail mail = Render(request.template_name, language, values);
  OutgoingMessage message;
  message.customer_id = request.customer_id;
  message.contact_id = request.contact_id;
  message.to_address = request.to_address;
  message.to_name = request.to_name;
  message.language = std::string(language);
  message.template_name = request.template_name;
  message.subject = mail.subject;
  message.body_text = mail.text;
  message.body_html = mail.html;
  return Insert(connection, message, time::Now());
}

Result<MessagePage> ListCustomerMessages(storage::Database& database, int64_t customer_id,
                                         const MessageFilter& filter,
                                         const std::optional<std::string>& cursor, int64_t limit) {
  auto connection = database.Acquire();
  if (connection->Query("SELECT 1 FROM customers WHERE id = $1", {customer_id}).empty()) {
    return NotFound("customer");
  }
  std::string sql =
      "SELECT " + std::string(kSummaryColumns) + " FROM mail_outbox WHERE customer_id = $1";
  storage::Params params = {customer_id};
  if (filter.status) {
    params.emplace_back(*filter.status);
    sql += " AND status = $" + std::to_string(params.size());
  }
  if (filter.channel) {
    params.emplace_back(*filter.channel);
    sql += " AND channel = $" + std::to_string(params.size());
  }
  if (filter.contact_id) {
    params.emplace_back(*filter.contact_id);
    sql += " AND contact_id = $" + std::to_string(params.size());
  }
  if (cursor) {
    TRY_ASSIGN(const auto position, cursor::Decode("messages", *cursor));
    params.emplace_back(position.id);
    sql += " AND id < $" + std::to_string(params.size());
  }
  params.emplace_back(limit + 1);
  sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
  MessagePage page;
  for (const auto& row : connection->Query(sql, params)) {
    page.items.push_back(SummaryFromRow(row));
  }
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = cursor::Encode("messages", {"", page.items.back().id});
  }
  return page;
}

bool AnyDue(storage::Database& database, time::Micros now, Channel channel) {
  auto connection = database.Acquire();
  return !connection
              ->Query(
                  "SELECT 1 FROM mail_outbox WHERE channel = $1 AND status = 'queued' AND "
                  "next_attempt_at <= $2 LIMIT 1",
                  {std::string(ChannelName(channel)), now})
              .empty();
}

std::vector<ClaimedMessage> Claim(storage::Database& database, const std::string& claim_token,
                                  size_t limit, time::Micros now, time::Micros lease,
                                  Channel channel) {
  std::vector<ClaimedMessage> claimed;
  const auto status = database.InTransaction([&](Connection& connection) -> Status {
    // PostgreSQL: rows another sender is claiming right now are skipped, not waited for; one
    // it claimed a moment ago is no longer due (its next_attempt_at moved on). SQLite: the
    // transaction holds the one write lock.
    const std::string_view lock =
        connection.dialect() == storage::Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
    const auto rows = connection.Query(
        "UPDATE mail_outbox SET next_attempt_at = $1, claim_token = $2 WHERE id IN (SELECT id "
        "FROM mail_outbox WHERE channel = $5 AND status = 'queued' AND next_attempt_at <= $3 "
        "ORDER BY next_attempt_at, id LIMIT $4" +
            std::string(lock) +
            ") RETURNING id, customer_id, to_address, to_name, from_name, template, subject, "
            "body_text, body_html, message_id, attempts, created_at, contact_id, language, "
            "payload, attachments",
        {now + lease, claim_token, now, static_cast<int64_t>(limit),
         std::string(ChannelName(channel))});
    claimed.clear();
    for (const auto& row : rows) {
      ClaimedMessage message;
      message.id = row.Int(0);
      message.customer_id = row.OptionalInt(1);
      message.to_address = row.Text(2);
      message.to_name = row.Text(3);
      message.from_name = row.Text(4);
      message.template_name = row.Text(5);
      message.subject = row.Text(6);
      message.body_text = row.Text(7);
      message.body_html = row.Text(8);
      message.message_id = row.Text(9);
      message.attempts = row.Int(10);
      message.created_at = row.Int(11);
      message.contact_id = row.OptionalInt(12);
      message.language = row.Text(13);
      message.payload = row.OptionalText(14);
      message.attachments = row.Text(15);
      claimed.push_back(std::move(message));
    }
    return Ok{};
  });
  (void)status;
  std::sort(claimed.begin(), claimed.end(),
            [](const ClaimedMessage& a, const ClaimedMessage& b) { return a.id < b.id; });
  return claimed;
}

void Record(storage::Database& database, const std::string& claim_token,
            const std::vector<Outcome>& outcomes) {
  if (outcomes.empty()) return;
  const auto status = database.InTransaction([&](Connection& connection) -> Status {
    for (const Outcome& outcome : outcomes) {
      switch (outcome.kind) {
        case Outcome::Kind::kSent: {
          const auto rows = connection.Query(
              "UPDATE mail_outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, "
              "last_error = NULL, claim_token = NULL, provider_message_id = $4 WHERE id = $2 AND "
              "claim_token = $3 RETURNING " +
                  std::string(kEventColumns),
              {outcome.at, outcome.id, claim_token,
               outcome.provider_id.empty() ? storage::Value(nullptr)
                                           : storage::Value(outcome.provider_id)});
          if (rows.empty() || rows[0].IsNull(0)) break;
          history::RecordEvent(connection, rows[0].Int(0), std::nullopt, "message_sent",
                               history::EventActor{"system", std::nullopt, std::nullopt},
                               EventData(rows[0], outcome.id), outcome.at);
          break;
        }
        case Outcome::Kind::kRetry:
          connection.Execute(
              "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, "
              "next_attempt_at = $2, claim_token = NULL WHERE id = $3 AND claim_token = $4",
              {outcome.error, outcome.retry_at, outcome.id, claim_token});
          break;
        case Outcome::Kind::kFailed: {
          const auto rows = connection.Query(
              "UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = $1, "
              "claim_token = NULL WHERE id = $2 AND claim_token = $3 RETURNING " +
                  std::string(kEventColumns),
              {outcome.error, outcome.id, claim_token});
          if (rows.empty() || rows[0].IsNull(0)) break;
          history::RecordEvent(connection, rows[0].Int(0), std::nullopt, "message_failed",
                               history::EventActor{"system", std::nullopt, std::nullopt},
                               EventData(rows[0], outcome.id), outcome.at);
          break;
        }
        case Outcome::Kind::kReleased:
          connection.Execute(
              "UPDATE mail_outbox SET next_attempt_at = $1, claim_token = NULL WHERE id = $2 AND "
              "claim_token = $3",
              {outcome.at, outcome.id, claim_token});
          break;
      }
    }
    return Ok{};
  });
  (void)status;
}

}  // namespace cartera::mail
