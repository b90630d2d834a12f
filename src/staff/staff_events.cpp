#include "staff/staff_events.hpp"

#include <boost/json/serialize.hpp>

namespace cartera::staff {

void RecordStaffEvent(storage::Connection& connection, int64_t staff_id,
                      std::string_view staff_name, std::string_view type,
                      const boost::json::object& data, time::Micros at) {
  connection.Execute(
      "INSERT INTO staff_events (staff_id, staff_name, type, data, created_at) VALUES ($1, $2, $3, "
      "$4, $5)",
      {staff_id, std::string(staff_name), std::string(type), boost::json::serialize(data), at});
}

}  // namespace cartera::staff
