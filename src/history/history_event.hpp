#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/time.hpp"

// One entry of a customer's history (F8): a row of customer_events, with the number of the
// order it concerns, and how the API shows it.
namespace cartera::history {

struct Event {
  int64_t id = 0;
  int64_t customer_id = 0;
  std::string type;  // fine-grained: order_placed, customer_updated, comment_added, …
  std::string kind;  // history::EventKind(type)
  std::optional<int64_t> order_id;
  std::optional<std::string> order_number;  // of order_id, when the order exists
  std::optional<std::string> order_kind;    // order | quote
  std::string actor_kind;                   // staff | contact | system | quick_link
  std::optional<int64_t> actor_id;
  std::optional<std::string> actor_name;
  boost::json::object data;
  time::Micros at = 0;
};

// The API item: id, kind, type, at, actor {type, id, name}, summary, changes [{field, from,
// to}] (from data.changes, or from data.from/to of a status change), body (of notes and
// comments, else null), attachment ({id, name, content_type, size, sha256, url} or null), order
// ({id, number, kind} or null) and data (the event's own record).
boost::json::object EventJson(const Event& event);

// A short English sentence for integrators ("Order P-000012 status: pending → confirmed");
// the web UI writes its own, localised, from kind, type, changes and data.
std::string Summary(const Event& event);

}  // namespace cartera::history
