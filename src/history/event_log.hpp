#pragma once

#include <boost/json/object.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/principal.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

// The customer event log (customer_events) that the history (F8) reads: every write to a
// customer or its children records one row in its own transaction.
namespace cartera::history {

// Who did it.
struct EventActor {
  std::string kind = "system";  // staff | quick_link | contact | system
  std::optional<int64_t> id;
  std::optional<std::string> name;
};

// The caller as the history names it: a staff user by name (or email), a contact by name.
EventActor ActorOf(const Principal& principal);

// The kinds the history is filtered by (API.md); every fine-grained event type has one.
inline constexpr std::array<std::string_view, 9> kEventKinds = {
    "created", "updated", "login", "note", "comment", "attachment", "message", "order", "status"};

// The kind of an event type: order_* and quote_* → order, note_* → note, customer_created →
// created, customer_status_changed → status, comment_* → comment, attachment_* → attachment,
// login* and contact access (contact_access*, contacts_revoked) → login, message_* → message;
// customer_updated, address_* and any other type → updated. The one mapping: RecordEvent stores it
// (the history filters on it) and migration 010 backfilled the rows written before with the same
// rules.
std::string_view EventKind(std::string_view type);

// Inserts one event (with its kind) on `connection`, inside the caller's transaction, and
// returns its id.
int64_t RecordEvent(storage::Connection& connection, int64_t customer_id,
                    std::optional<int64_t> order_id, std::string_view type, const EventActor& actor,
                    const boost::json::object& data, time::Micros at);

// Unlinks the events of a deleted contact from it (they stay in the customer's history), so
// that a contact created later with a reused id (SQLite reuses the highest rowid) starts with
// an empty history of its own.
void DetachContact(storage::Connection& connection, int64_t contact_id);

}  // namespace cartera::history
