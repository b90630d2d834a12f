#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/time.hpp"
#include "history/history_event.hpp"
#include "storage/database.hpp"

// Every statement on customer_events and attachments. Runs on a connection the caller holds.
namespace cartera::history {

struct Attachment {
  int64_t id = 0;
  int64_t customer_id = 0;
  std::string name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  std::optional<int64_t> uploaded_by;
  std::string uploaded_by_name;
  time::Micros created_at = 0;
};

// A row of customer_events to insert.
struct NewEvent {
  int64_t customer_id = 0;
  std::string type, kind;
  std::optional<int64_t> order_id;
  std::string actor_kind;
  std::optional<int64_t> actor_id;
  std::optional<std::string> actor_name;
  std::string data;  // a JSON object
  time::Micros at = 0;
  // The contact the event concerns; null: the contact of the order, if any.
  std::optional<int64_t> contact_id;
};

// Where a page of events starts: after the event at (created_at, id), newest first.
using EventPosition = std::pair<time::Micros, int64_t>;

class HistoryRepository {
 public:
  int64_t InsertEvent(storage::Connection& connection, const NewEvent& event);
  // With the number and kind of its order.
  std::optional<Event> FindEvent(storage::Connection& connection, int64_t id);
  // The customer's events newest first, at most `limit`, after `after`; `kinds` (sorted, no
  // repeats) empty means every kind. One index range per kind, each stopping after a page.
  std::vector<Event> ListForCustomer(storage::Connection& connection, int64_t customer_id,
                                     const std::vector<std::string>& kinds,
                                     const std::optional<EventPosition>& after, int64_t limit);
  // The events that concern the contact, the same way.
  std::vector<Event> ListForContact(storage::Connection& connection, int64_t contact_id,
                                    const std::vector<std::string>& kinds,
                                    const std::optional<EventPosition>& after, int64_t limit);
  // Unlinks the events of a deleted contact from it.
  void DetachContact(storage::Connection& connection, int64_t contact_id);

  int64_t InsertAttachment(storage::Connection& connection, const Attachment& attachment);
  std::optional<Attachment> FindAttachment(storage::Connection& connection, int64_t id);

  // Deletes the customer's events and attachment records (before the customer is deleted:
  // customer_events has no ON DELETE CASCADE). The files stay on disk: they are
  // content-addressed and may be shared by other records.
  void DeleteForCustomer(storage::Connection& connection, int64_t customer_id);

  // Whether the customer or contact exists (the history's 404s). These read the customers and
  // contacts tables, whose modules record events here and so cannot be called from here.
  bool CustomerExists(storage::Connection& connection, int64_t customer_id);
  bool ContactExists(storage::Connection& connection, int64_t contact_id);
};

}  // namespace cartera::history
