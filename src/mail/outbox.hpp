#pragma once

#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

// The mail outbox (F27): table mail_outbox (migration 014). Modules queue automatic emails with
// Enqueue inside their own transaction; mail::Sender delivers them.
namespace cartera::mail {

struct MailRequest {
  std::string template_name;  // contact_invitation | registration_alert | account_validated
                              // | password_reset | order_received | smtp_test
  std::string language;       // the recipient's: "es" or "en"; anything else -> "es"
  std::string to_address;
  std::string to_name;         // may be empty
  boost::json::object values;  // placeholders, e.g. {"contact":{"first_name":..},
                               // "customer":{"name":..}, "link":"https://…", "order":{…}}
  std::optional<int64_t> customer_id, contact_id;
};

// Renders the template in the request's language and queues the message in the caller's
// transaction (same connection), so the mail exists if and only if the change that caused
// it commits. The store's name (setting store_name) is the From display name and goes in the
// footer; it is available to templates as {{store.name}}. Returns the outbox id.
// Throws std::invalid_argument for an unknown template name (a bug in the caller).
int64_t Enqueue(storage::Connection& connection, const MailRequest& request);

inline constexpr std::array<std::string_view, 3> kStatuses = {"queued", "sent", "failed"};

// One row of the outbox as the API lists it.
struct MessageSummary {
  int64_t id = 0;
  std::optional<int64_t> contact_id;
  std::string to_address;
  std::string subject;
  std::string template_name;
  std::string status;
  int64_t attempts = 0;
  std::optional<std::string> last_error;
  time::Micros created_at = 0;
  std::optional<time::Micros> sent_at;
};

struct MessagePage {
  std::vector<MessageSummary> items;
  std::optional<std::string> next_cursor;
};

// A customer's messages, newest first, optionally only those with `status`.
// Errors: kNotFound (customer), kInvalidArgument (cursor).
Result<MessagePage> ListCustomerMessages(storage::Database& database, int64_t customer_id,
                                         const std::optional<std::string>& status,
                                         const std::optional<std::string>& cursor, int64_t limit);

// A message claimed for delivery.
struct ClaimedMessage {
  int64_t id = 0;
  std::optional<int64_t> customer_id;
  std::string to_address, to_name, from_name, template_name;
  std::string subject, body_text, body_html;
  std::string message_id;  // the unique part: the header is <message_id@sender's domain>
  int64_t attempts = 0;    // before this one
  time::Micros created_at = 0;
};

// Claims up to `limit` queued messages due at `now` for `lease`: they are not due again
// (for any sender) until now + lease, unless released. Runs its own transaction; on
// PostgreSQL rows locked by another claimer are skipped (FOR UPDATE SKIP LOCKED).
std::vector<ClaimedMessage> Claim(storage::Database& database, const std::string& claim_token,
                                  size_t limit, time::Micros now, time::Micros lease);

// True when a queued message is due at `now` (a cheap read, before a claim).
bool AnyDue(storage::Database& database, time::Micros now);

// What happened to one claimed message.
struct Outcome {
  enum class Kind {
    kSent,      // accepted by the server
    kRetry,     // temporary failure: try again at retry_at
    kFailed,    // permanent failure, or out of attempts
    kReleased,  // not tried (shutdown): due again at once, no attempt counted
  };
  int64_t id = 0;
  Kind kind = Kind::kSent;
  std::string error;  // kRetry, kFailed
  time::Micros at = 0;
  time::Micros retry_at = 0;
};

// Records the outcomes in one transaction: sent (with time) and, when the message belongs to
// a customer, a `message_sent` event in its history; retries with attempts + 1, the error and
// the next time; failures with the error. Rows no longer claimed with `claim_token` (the lease
// ran out and another sender took them) are left alone.
void Record(storage::Database& database, const std::string& claim_token,
            const std::vector<Outcome>& outcomes);

}  // namespace cartera::mail
