#include "history/event_log.hpp"

#include <charconv>

#include <boost/json/serialize.hpp>

#include "history/history_repository.hpp"

namespace cartera::history {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

EventActor ActorOf(const Principal& principal) {
  const bool contact = principal.kind == PrincipalKind::kContact;
  return EventActor{contact ? "contact" : "staff", principal.id,
                    principal.name.empty() ? principal.email : principal.name};
}

std::string_view EventKind(std::string_view type) {
  if (StartsWith(type, "order_") || StartsWith(type, "quote_")) return "order";
  if (StartsWith(type, "note_")) return "note";
  if (type == "customer_created") return "created";
  if (type == "customer_status_changed") return "status";
  if (StartsWith(type, "comment_")) return "comment";
  if (StartsWith(type, "attachment_")) return "attachment";
  if (StartsWith(type, "login") || StartsWith(type, "contact_login") ||
      StartsWith(type, "contact_access") || StartsWith(type, "contacts_access") ||
      type == "contacts_revoked") {
    return "login";
  }
  if (StartsWith(type, "message_")) return "message";
  return "updated";
}

int64_t RecordEvent(storage::Connection& connection, int64_t customer_id,
                    std::optional<int64_t> order_id, std::string_view type, const EventActor& actor,
                    const boost::json::object& data, time::Micros at) {
  // The contact the event concerns (its history, GET /contacts/{id}/history): the one named in
  // the data, else a contact who acted, else (in the statement) the contact of the order.
  std::optional<int64_t> contact_id;
  if (const auto* named = data.if_contains("contact_id"); named && named->is_string()) {
    int64_t value = 0;
    const auto& text = named->get_string();
    if (std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc{}) {
      contact_id = value;
    }
  }
  if (!contact_id && actor.kind == "contact") contact_id = actor.id;
  return HistoryRepository().InsertEvent(
      connection,
      NewEvent{customer_id, std::string(type), std::string(EventKind(type)), order_id, actor.kind,
               actor.id, actor.name, boost::json::serialize(data), at, contact_id});
}

void DetachContact(storage::Connection& connection, int64_t contact_id) {
  HistoryRepository().DetachContact(connection, contact_id);
}

}  // namespace cartera::history
