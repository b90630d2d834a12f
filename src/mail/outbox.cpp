#include "mail/outbox.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/cursor.hpp"
#include "common/text.hpp"
#include "customers/customer_events.hpp"
#include "mail/templates.hpp"

namespace cartera::mail {
namespace {

namespace json = boost::json;
using storage::Connection;

constexpr std::string_view kDefaultStoreName = "Cartera";

std::string StoreName(Connection& connection) {
  const auto rows = connection.Query("SELECT value FROM settings WHERE key = 'store_name'");
  const std::string name = rows.empty() ? std::string() : std::string(text::Trim(rows[0].Text(0)));
  return name.empty() ? std::string(kDefaultStoreName) : name;
}

MessageSummary SummaryFromRow(const storage::Row& row) {
  return MessageSummary{row.Int(0),  row.OptionalInt(1), row.Text(2), row.Text(3),
                        row.Text(4), row.Text(5),        row.Int(6),  row.OptionalText(7),
                        row.Int(8),  row.OptionalInt(9)};
}

}  // namespace

int64_t Enqueue(Connection& connection, const MailRequest& request) {
  const std::string_view language = NormaliseLanguage(request.language);
  const std::string store_name = StoreName(connection);
  json::object values = request.values;
  json::object store;
  if (const auto* given = values.if_contains("store"); given && given->is_object()) {
    store = given->get_object();
  }
  store["name"] = store_name;
  values["store"] = std::move(store);
  const RenderedMail mail = Render(request.template_name, language, values);
  const time::Micros now = time::Now();
  // Unique without coordination: the time and 96 random bits. The sender adds "@" and the
  // domain of its From address.
  const std::string message_id = std::to_string(now) + "." + crypto::RandomToken(12);
  return connection
      .Query(
          "INSERT INTO mail_outbox (customer_id, contact_id, to_address, to_name, language, "
          "template, from_name, subject, body_text, body_html, message_id, status, attempts, "
          "next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
          "'queued', 0, $12, $12) RETURNING id",
          {storage::Nullable(request.customer_id), storage::Nullable(request.contact_id),
           request.to_address, request.to_name, std::string(language), request.template_name,
           store_name, mail.subject, mail.text, mail.html, message_id, now})
      .at(0)
      .Int(0);
}

Result<MessagePage> ListCustomerMessages(storage::Database& database, int64_t customer_id,
                                         const std::optional<std::string>& status,
                                         const std::optional<std::string>& cursor, int64_t limit) {
  auto connection = database.Acquire();
  if (connection->Query("SELECT 1 FROM customers WHERE id = $1", {customer_id}).empty()) {
    return NotFound("customer");
  }
  std::string sql =
      "SELECT id, contact_id, to_address, subject, template, status, attempts, last_error, "
      "created_at, sent_at FROM mail_outbox WHERE customer_id = $1";
  storage::Params params = {customer_id};
  if (status) {
    params.emplace_back(*status);
    sql += " AND status = $" + std::to_string(params.size());
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

bool AnyDue(storage::Database& database, time::Micros now) {
  auto connection = database.Acquire();
  return !connection
              ->Query(
                  "SELECT 1 FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= $1 "
                  "LIMIT 1",
                  {now})
              .empty();
}

std::vector<ClaimedMessage> Claim(storage::Database& database, const std::string& claim_token,
                                  size_t limit, time::Micros now, time::Micros lease) {
  std::vector<ClaimedMessage> claimed;
  const auto status = database.InTransaction([&](Connection& connection) -> Status {
    // PostgreSQL: rows another sender is claiming right now are skipped, not waited for; one
    // it claimed a moment ago is no longer due (its next_attempt_at moved on). SQLite: the
    // transaction holds the one write lock.
    const std::string_view lock =
        connection.dialect() == storage::Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
    const auto rows = connection.Query(
        "UPDATE mail_outbox SET next_attempt_at = $1, claim_token = $2 WHERE id IN (SELECT id "
        "FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= $3 ORDER BY "
        "next_attempt_at, id LIMIT $4" +
            std::string(lock) +
            ") RETURNING id, customer_id, to_address, to_name, from_name, template, subject, "
            "body_text, body_html, message_id, attempts, created_at",
        {now + lease, claim_token, now, static_cast<int64_t>(limit)});
    claimed.clear();
    for (const auto& row : rows) {
      claimed.push_back(ClaimedMessage{row.Int(0), row.OptionalInt(1), row.Text(2), row.Text(3),
                                       row.Text(4), row.Text(5), row.Text(6), row.Text(7),
                                       row.Text(8), row.Text(9), row.Int(10), row.Int(11)});
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
              "last_error = NULL, claim_token = NULL WHERE id = $2 AND claim_token = $3 "
              "RETURNING customer_id, to_address, subject, template",
              {outcome.at, outcome.id, claim_token});
          if (rows.empty() || rows[0].IsNull(0)) break;
          customers::RecordEvent(connection, rows[0].Int(0), std::nullopt, "message_sent",
                                 customers::EventActor{"system", std::nullopt, std::nullopt},
                                 {{"message_id", std::to_string(outcome.id)},
                                  {"channel", "email"},
                                  {"to", rows[0].Text(1)},
                                  {"subject", rows[0].Text(2)},
                                  {"template", rows[0].Text(3)}},
                                 outcome.at);
          break;
        }
        case Outcome::Kind::kRetry:
          connection.Execute(
              "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, "
              "next_attempt_at = $2, claim_token = NULL WHERE id = $3 AND claim_token = $4",
              {outcome.error, outcome.retry_at, outcome.id, claim_token});
          break;
        case Outcome::Kind::kFailed:
          connection.Execute(
              "UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = $1, "
              "claim_token = NULL WHERE id = $2 AND claim_token = $3",
              {outcome.error, outcome.id, claim_token});
          break;
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
