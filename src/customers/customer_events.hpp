#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "common/time.hpp"
#include "storage/database.hpp"

// The customer event log (customer_events) that the history (F8) reads: every write to a
// customer or its children records one row in its own transaction.
namespace cartera::customers {

// Who did it.
struct EventActor {
  std::string kind = "system";  // staff | quick_link | contact | system
  std::optional<int64_t> id;
  std::optional<std::string> name;
};

void RecordEvent(storage::Connection& connection, int64_t customer_id,
                 std::optional<int64_t> order_id, std::string_view type, const EventActor& actor,
                 const boost::json::object& data, time::Micros at);

}  // namespace cartera::customers
