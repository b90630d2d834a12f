#include "transfer/staff_event_log.hpp"

#include <boost/json/parse.hpp>

#include "common/cursor.hpp"

namespace cartera::transfer {

Result<StaffEventPage> ListStaffEvents(storage::Connection& connection, int64_t staff_id,
                                       const std::optional<std::string>& cursor, int64_t limit) {
  constexpr std::string_view kList = "staff_events";
  storage::Params params = {staff_id};
  std::string sql =
      "SELECT id, staff_id, staff_name, type, data, created_at FROM staff_events WHERE staff_id "
      "= $1";
  if (cursor) {
    TRY_ASSIGN(const cursor::Position position, cursor::Decode(kList, *cursor));
    int64_t at = 0;
    try {
      at = std::stoll(position.key);
    } catch (const std::exception&) {
      return cursor::Invalid();
    }
    params.emplace_back(at);
    params.emplace_back(position.id);
    sql += " AND (created_at, id) < ($2, $3)";
  }
  params.emplace_back(limit + 1);
  sql += " ORDER BY created_at DESC, id DESC LIMIT $" + std::to_string(params.size());
  const auto rows = connection.Query(sql, params);
  if (rows.empty() && !cursor &&
      connection.Query("SELECT 1 FROM staff_users WHERE id = $1", {staff_id}).empty()) {
    return NotFound("staff user");
  }
  StaffEventPage page;
  for (const auto& row : rows) {
    StaffEvent event;
    event.id = row.Int(0);
    event.staff_id = row.Int(1);
    event.staff_name = row.Text(2);
    event.type = row.Text(3);
    boost::system::error_code error;
    event.data = boost::json::parse(row.Text(4), error);
    if (error || !event.data.is_object()) event.data = boost::json::object();
    event.at = row.Int(5);
    page.items.push_back(std::move(event));
  }
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    const StaffEvent& last = page.items.back();
    page.next_cursor = cursor::Encode(kList, {std::to_string(last.at), last.id});
  }
  return page;
}

}  // namespace cartera::transfer
