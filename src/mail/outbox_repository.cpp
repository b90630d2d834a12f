#include "mail/outbox_repository.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/cursor.hpp"
#include "history/event_log.hpp"
#include "mail/templates.hpp"
#include "settings/settings.hpp"

namespace cartera::mail {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Params;

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (customer_id, contact_id, channel, to_address, to_name, language, "
    "template, template_id, from_name, subject, body_text, body_html, payload, attachments, "
    "message_id, batch_id, sent_by, sent_by_name, status, attempts, next_attempt_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
    "'queued', 0, $19, $19) RETURNING id";
constexpr std::string_view kSetOwnBatch =
    "UPDATE mail_outbox SET batch_id = id WHERE id = $1 AND batch_id IS NULL";
constexpr std::string_view kFindMessage =
    "SELECT id, contact_id, to_address, subject, template, status, attempts, last_error, "
    "created_at, sent_at, customer_id, channel, batch_id, to_name, template_id, delivered_at, "
    "read_at, sent_by, sent_by_name, attachments, body_text, body_html FROM mail_outbox WHERE id "
    "= $1";
constexpr std::string_view kFindBatch =
    "SELECT id, contact_id, to_address, subject, template, status, attempts, last_error, "
    "created_at, sent_at, customer_id, channel, batch_id, to_name, template_id, delivered_at, "
    "read_at, sent_by, sent_by_name, attachments FROM mail_outbox WHERE batch_id = $1 ORDER BY id";
constexpr std::string_view kRequeue =
    "UPDATE mail_outbox SET status = 'queued', next_attempt_at = $1, last_error = NULL, "
    "claim_token = NULL WHERE id = $2 AND status = 'failed'";
constexpr std::string_view kExists = "SELECT 1 FROM mail_outbox WHERE id = $1";
// A provider's report (WhatsApp), forward only: a late "sent" never undoes "read". Each returns
// the id and kEventColumns.
constexpr std::string_view kProviderDelivered =
    "UPDATE mail_outbox SET status = 'delivered', delivered_at = $1 WHERE provider_message_id = "
    "$2 AND status IN ('queued', 'sent') RETURNING id, customer_id, to_address, subject, "
    "template, channel, contact_id, last_error";
constexpr std::string_view kProviderRead =
    "UPDATE mail_outbox SET status = 'read', read_at = $1, delivered_at = COALESCE(delivered_at, "
    "$1) WHERE provider_message_id = $2 AND status IN ('queued', 'sent', 'delivered') RETURNING "
    "id, customer_id, to_address, subject, template, channel, contact_id, last_error";
constexpr std::string_view kProviderFailed =
    "UPDATE mail_outbox SET status = 'failed', last_error = $1 WHERE provider_message_id = $2 AND "
    "status IN ('queued', 'sent', 'delivered') RETURNING id, customer_id, to_address, subject, "
    "template, channel, contact_id, last_error";
// A customer's messages: kListOfCustomer, the filters (each `AND column = $N`), kListOrder.
constexpr std::string_view kListOfCustomer =
    "SELECT id, contact_id, to_address, subject, template, status, attempts, last_error, "
    "created_at, sent_at, customer_id, channel, batch_id, to_name, template_id, delivered_at, "
    "read_at, sent_by, sent_by_name, attachments FROM mail_outbox WHERE customer_id = $1";
constexpr std::string_view kListStatus = " AND status = $";
constexpr std::string_view kListChannel = " AND channel = $";
constexpr std::string_view kListContact = " AND contact_id = $";
constexpr std::string_view kListBefore = " AND id < $";
constexpr std::string_view kListOrder = " ORDER BY id DESC LIMIT $";
// The outbox lists a customer's messages only for a customer that exists (404 otherwise). This
// reads the customers table: the customers module queues mail, so mail cannot call it.
constexpr std::string_view kCustomerExists = "SELECT 1 FROM customers WHERE id = $1";
constexpr std::string_view kAnyDue =
    "SELECT 1 FROM mail_outbox WHERE channel = $1 AND status = 'queued' AND next_attempt_at <= $2 "
    "LIMIT 1";
// Claims: kClaimHead, on PostgreSQL kSkipLocked, kClaimTail.
constexpr std::string_view kClaimHead =
    "UPDATE mail_outbox SET next_attempt_at = $1, claim_token = $2 WHERE id IN (SELECT id FROM "
    "mail_outbox WHERE channel = $5 AND status = 'queued' AND next_attempt_at <= $3 ORDER BY "
    "next_attempt_at, id LIMIT $4";
constexpr std::string_view kSkipLocked = " FOR UPDATE SKIP LOCKED";
constexpr std::string_view kClaimTail =
    ") RETURNING id, customer_id, to_address, to_name, from_name, template, subject, body_text, "
    "body_html, message_id, attempts, created_at, contact_id, language, payload, attachments";
// Outcomes; sent and failed return kEventColumns.
constexpr std::string_view kRecordSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = "
    "NULL, claim_token = NULL, provider_message_id = $4 WHERE id = $2 AND claim_token = $3 "
    "RETURNING customer_id, to_address, subject, template, channel, contact_id, last_error";
constexpr std::string_view kRecordRetry =
    "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, "
    "claim_token = NULL WHERE id = $3 AND claim_token = $4";
constexpr std::string_view kRecordFailed =
    "UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = $1, "
    "claim_token = NULL WHERE id = $2 AND claim_token = $3 RETURNING customer_id, to_address, "
    "subject, template, channel, contact_id, last_error";
constexpr std::string_view kRecordReleased =
    "UPDATE mail_outbox SET next_attempt_at = $1, claim_token = NULL WHERE id = $2 AND "
    "claim_token = $3";

// A row of kFindMessage, kFindBatch or the list (without the bodies).
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

// The event data of message `id` from the columns customer_id, to_address, subject, template,
// channel, contact_id, last_error starting at column `first`.
json::object EventData(const storage::Row& row, int64_t id, size_t first = 0) {
  json::object data{{"message_id", std::to_string(id)},
                    {"channel", row.Text(first + 4)},
                    {"to", row.Text(first + 1)},
                    {"subject", row.Text(first + 2)},
                    {"template", row.Text(first + 3)}};
  if (!row.IsNull(first + 5)) data["contact_id"] = std::to_string(row.Int(first + 5));
  if (!row.IsNull(first + 6)) data["error"] = row.Text(first + 6);
  return data;
}

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
  return settings::StoreDisplayName(settings::Load(connection));
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
  const auto rows = connection.Query(kFindMessage, {id});
  if (rows.empty()) return std::nullopt;
  MessageSummary message = SummaryFromRow(rows[0]);
  message.body_text = rows[0].Text(20);
  message.body_html = rows[0].Text(21);
  return message;
}

std::vector<MessageSummary> FindBatch(Connection& connection, int64_t batch_id) {
  std::vector<MessageSummary> messages;
  for (const auto& row : connection.Query(kFindBatch, {batch_id})) {
    messages.push_back(SummaryFromRow(row));
  }
  return messages;
}

Status Requeue(Connection& connection, int64_t id, time::Micros now) {
  if (connection.Execute(kRequeue, {now, id}) == 1) return Ok{};
  if (connection.Query(kExists, {id}).empty()) {
    return NotFound("message");
  }
  return MakeError(ErrorCode::kConflict, "not_failed", "Only a failed message can be retried.");
}

bool ApplyProviderStatus(Connection& connection, std::string_view provider_id,
                         DeliveryStatus status, const std::string& error, time::Micros at) {
  std::string_view sql;
  Params params;
  switch (status) {
    case DeliveryStatus::kDelivered:
      sql = kProviderDelivered;
      params = {at, std::string(provider_id)};
      break;
    case DeliveryStatus::kRead:
      sql = kProviderRead;
      params = {at, std::string(provider_id)};
      break;
    case DeliveryStatus::kFailed:
      sql = kProviderFailed;
      params = {error, std::string(provider_id)};
      break;
    default:
      return false;  // sent: we knew when the API accepted it
  }
  const auto rows = connection.Query(sql, params);
  for (const auto& row : rows) {
    if (row.IsNull(1)) continue;
    const std::string type = "message_" + std::string(StatusName(status));
    history::RecordEvent(connection, row.Int(1), std::nullopt, type,
                         history::EventActor{"system", std::nullopt, std::nullopt},
                         EventData(row, row.Int(0), 1), at);
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

bool CustomerExists(Connection& connection, int64_t customer_id) {
  return !connection.Query(kCustomerExists, {customer_id}).empty();
}

Result<MessagePage> ListCustomerMessages(storage::Database& database, int64_t customer_id,
                                         const MessageFilter& filter,
                                         const std::optional<std::string>& cursor, int64_t limit) {
  auto connection = database.Acquire();
  if (!CustomerExists(*connection, customer_id)) {
    return NotFound("customer");
  }
  std::string sql(kListOfCustomer);
  storage::Params params = {customer_id};
  const auto add = [&](std::string_view condition, storage::Value value) {
    params.push_back(std::move(value));
    sql += std::string(condition) + std::to_string(params.size());
  };
  if (filter.status) add(kListStatus, *filter.status);
  if (filter.channel) add(kListChannel, *filter.channel);
  if (filter.contact_id) add(kListContact, *filter.contact_id);
  if (cursor) {
    TRY_ASSIGN(const auto position, cursor::Decode("messages", *cursor));
    add(kListBefore, position.id);
  }
  add(kListOrder, limit + 1);
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
  return !connection->Query(kAnyDue, {std::string(ChannelName(channel)), now}).empty();
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
        connection.dialect() == storage::Dialect::kPostgres ? kSkipLocked : "";
    const auto rows =
        connection.Query(std::string(kClaimHead) + std::string(lock) + std::string(kClaimTail),
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
              kRecordSent, {outcome.at, outcome.id, claim_token,
                            outcome.provider_id.empty() ? storage::Value(nullptr)
                                                        : storage::Value(outcome.provider_id)});
          if (rows.empty() || rows[0].IsNull(0)) break;
          history::RecordEvent(connection, rows[0].Int(0), std::nullopt, "message_sent",
                               history::EventActor{"system", std::nullopt, std::nullopt},
                               EventData(rows[0], outcome.id), outcome.at);
          break;
        }
        case Outcome::Kind::kRetry:
          connection.Execute(kRecordRetry,
                             {outcome.error, outcome.retry_at, outcome.id, claim_token});
          break;
        case Outcome::Kind::kFailed: {
          const auto rows =
              connection.Query(kRecordFailed, {outcome.error, outcome.id, claim_token});
          if (rows.empty() || rows[0].IsNull(0)) break;
          history::RecordEvent(connection, rows[0].Int(0), std::nullopt, "message_failed",
                               history::EventActor{"system", std::nullopt, std::nullopt},
                               EventData(rows[0], outcome.id), outcome.at);
          break;
        }
        case Outcome::Kind::kReleased:
          connection.Execute(kRecordReleased, {outcome.at, outcome.id, claim_token});
          break;
      }
    }
    return Ok{};
  });
  (void)status;
}

}  // namespace cartera::mail
