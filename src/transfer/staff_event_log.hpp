#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

// Reading what a staff user did (F40: exports, imports, deletions), newest first.
namespace cartera::transfer {

struct StaffEvent {
  int64_t id = 0;
  int64_t staff_id = 0;
  std::string staff_name;
  std::string type;
  boost::json::value data;
  time::Micros at = 0;
};

struct StaffEventPage {
  std::vector<StaffEvent> items;
  std::optional<std::string> next_cursor;
};

// The events of staff user `staff_id`, newest first, keyset-paged. A deleted user's events
// are still listed. Errors: kNotFound when no such user exists or ever had events;
// kInvalidArgument `bad_request` for a cursor this list did not issue.
Result<StaffEventPage> ListStaffEvents(storage::Connection& connection, int64_t staff_id,
                                       const std::optional<std::string>& cursor, int64_t limit);

}  // namespace cartera::transfer
