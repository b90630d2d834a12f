#include "customers/customer_events.hpp"

#include <boost/json/serialize.hpp>

namespace cartera::customers {

void RecordEvent(storage::Connection& connection, int64_t customer_id,
                 std::optional<int64_t> order_id, std::string_view type, const EventActor& actor,
                 const boost::json::object& data, time::Micros at) {
  connection.Execute(
      "INSERT INTO customer_events (customer_id, type, order_id, actor_kind, actor_id, "
      "actor_name, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {customer_id, std::string(type), storage::Nullable(order_id), actor.kind,
       storage::Nullable(actor.id), storage::Nullable(actor.name), boost::json::serialize(data),
       at});
}

}  // namespace cartera::customers
