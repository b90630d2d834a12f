#pragma once

#include <boost/json/object.hpp>

#include <string_view>

#include "common/time.hpp"
#include "storage/database.hpp"

// What a staff user did that is not a change to one live customer (F40: exports, deletions):
// rows of `staff_events`, written in the same transaction as the act.
namespace cartera::staff {

void RecordStaffEvent(storage::Connection& connection, int64_t staff_id,
                      std::string_view staff_name, std::string_view type,
                      const boost::json::object& data, time::Micros at);

}  // namespace cartera::staff
