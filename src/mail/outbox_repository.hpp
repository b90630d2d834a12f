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

// Every statement on the outbox (F25-F27): table mail_outbox (migrations 014, 016), one row per
// message to one recipient, for every channel. Modules queue automatic emails with Enqueue, and
// messaging queues composed ones with Insert, inside their own transaction; mail::Sender delivers
// email, messaging::WhatsAppSender WhatsApp.
namespace cartera::mail {

enum class Channel { kEmail, kWhatsApp };
inline constexpr std::array<std::string_view, 2> kChannels = {"email", "whatsapp"};
std::string_view ChannelName(Channel channel);
std::optional<Channel> ParseChannel(std::string_view name);

// queued → sent → delivered → read (WhatsApp reports the last two), or failed.
enum class DeliveryStatus { kQueued, kSent, kDelivered, kRead, kFailed };
std::string_view StatusName(DeliveryStatus status);
std::optional<DeliveryStatus> ParseStatus(std::string_view name);

// The store's name (setting store_name, "Cartera" when unset): the From display name.
std::string StoreName(storage::Connection& connection);

// A message rendered by its caller (messaging), for Insert.
struct OutgoingMessage {
  std::optional<int64_t> customer_id, contact_id;
  Channel channel = Channel::kEmail;
  std::string to_address;  // email, or the E.164 number for WhatsApp
  std::string to_name;
  std::string language;
  std::string template_name;  // composed | whatsapp_template | an automatic email's name
  std::optional<int64_t> template_id;
  std::string subject, body_text, body_html;
  std::optional<std::string> payload;  // WhatsApp: the template request's JSON
  std::string attachments = "[]";      // JSON [{"id","name","content_type","size","sha256"}]
  std::optional<int64_t> batch_id;     // null: the message's own id
  std::optional<int64_t> sent_by;
  std::optional<std::string> sent_by_name;
};

// Queues `message` in the caller's transaction and returns its id.
int64_t Insert(storage::Connection& connection, const OutgoingMessage& message, time::Micros now);

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

inline constexpr std::array<std::string_view, 5> kStatuses = {"queued", "sent", "delivered", "read",
                                                              "failed"};

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
  std::optional<int64_t> customer_id;
  std::string channel = "email";
  int64_t batch_id = 0;
  std::string to_name;
  std::optional<int64_t> template_id;
  std::optional<time::Micros> delivered_at, read_at;
  std::optional<int64_t> sent_by;
  std::optional<std::string> sent_by_name;
  std::string attachments = "[]";    // JSON, as stored
  std::string body_text, body_html;  // FindMessage only
};

struct MessageFilter {
  std::optional<std::string> status, channel;
  std::optional<int64_t> contact_id;
};

struct MessagePage {
  std::vector<MessageSummary> items;
  std::optional<std::string> next_cursor;
};

// Whether customer `customer_id` exists (the customers table: the customers module queues mail,
// so mail cannot call it).
bool CustomerExists(storage::Connection& connection, int64_t customer_id);

// A customer's messages, newest first, optionally only those with `status`.
// Errors: kNotFound (customer), kInvalidArgument (cursor).
Result<MessagePage> ListCustomerMessages(storage::Database& database, int64_t customer_id,
                                         const MessageFilter& filter,
                                         const std::optional<std::string>& cursor, int64_t limit);

// One message with its bodies, or nullopt.
std::optional<MessageSummary> FindMessage(storage::Connection& connection, int64_t id);
// The messages of a batch, by id.
std::vector<MessageSummary> FindBatch(storage::Connection& connection, int64_t batch_id);

// Queues a failed message again (attempts kept, due now). Errors: kNotFound, kConflict
// `not_failed` when it is not failed.
Status Requeue(storage::Connection& connection, int64_t id, time::Micros now);

// Applies a status the provider reported for its message `provider_id` (WhatsApp webhook):
// only forwards (sent < delivered < read; failed from any but read), with the time; a failed
// one records `error` and a message_failed event. Returns whether a message changed.
bool ApplyProviderStatus(storage::Connection& connection, std::string_view provider_id,
                         DeliveryStatus status, const std::string& error, time::Micros at);

// A message claimed for delivery.
struct ClaimedMessage {
  int64_t id = 0;
  std::optional<int64_t> customer_id;
  std::optional<int64_t> contact_id;
  std::string language;
  std::optional<std::string> payload;
  std::string attachments = "[]";
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
                                  size_t limit, time::Micros now, time::Micros lease,
                                  Channel channel = Channel::kEmail);

// True when a queued message of `channel` is due at `now` (a cheap read, before a claim).
bool AnyDue(storage::Database& database, time::Micros now, Channel channel = Channel::kEmail);

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
  std::string provider_id;  // kSent on WhatsApp: the id the API gave the message
};

// Records the outcomes in one transaction: sent (with time) and, when the message belongs to
// a customer, a `message_sent` event in its history (a `message_failed` one for a failure); retries
// with attempts + 1, the error and the next time; failures with the error. Rows no longer claimed
// with `claim_token` (the lease ran out and another sender took them) are left alone.
void Record(storage::Database& database, const std::string& claim_token,
            const std::vector<Outcome>& outcomes);

}  // namespace cartera::mail
