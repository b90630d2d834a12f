#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "staff/staff_repository.hpp"
#include "storage/database.hpp"

// What a staff user did that is not a change to one live customer (F40: exports, imports,
// deletions): rows of `staff_events`, written in the same transaction as the act.
namespace cartera::staff {

void RecordStaffEvent(storage::Connection& connection, int64_t staff_id,
                      std::string_view staff_name, std::string_view type,
                      const boost::json::object& data, time::Micros at);

struct StaffEventPage {
  std::vector<StaffEvent> items;
  std::optional<std::string> next_cursor;
};

// The events of staff user `staff_id`, newest first, keyset-paged. A deleted user's events
// are still listed. Errors: kNotFound when no such user exists or ever had events;
// kInvalidArgument `bad_request` for a cursor this list did not issue.
Result<StaffEventPage> ListStaffEvents(storage::Database& database, int64_t staff_id,
                                       const std::optional<std::string>& cursor, int64_t limit);

}  // namespace cartera::staff
