#include "staff/staff_events.hpp"

#include <boost/json/serialize.hpp>

#include "common/cursor.hpp"

namespace cartera::staff {
namespace {

constexpr std::string_view kList = "staff_events";

}  // namespace

void RecordStaffEvent(storage::Connection& connection, int64_t staff_id,
                      std::string_view staff_name, std::string_view type,
                      const boost::json::object& data, time::Micros at) {
  StaffRepository().InsertEvent(connection, staff_id, staff_name, type,
                                boost::json::serialize(data), at);
}

Result<StaffEventPage> ListStaffEvents(storage::Database& database, int64_t staff_id,
                                       const std::optional<std::string>& cursor, int64_t limit) {
  std::optional<std::pair<time::Micros, int64_t>> before;
  if (cursor) {
    TRY_ASSIGN(const cursor::Position position, cursor::Decode(kList, *cursor));
    try {
      before.emplace(std::stoll(position.key), position.id);
    } catch (const std::exception&) {
      return cursor::Invalid();
    }
  }
  StaffRepository repository;
  auto connection = database.Acquire();
  StaffEventPage page;
  page.items = repository.ListEvents(*connection, staff_id, before, limit + 1);
  if (page.items.empty() && !cursor && !repository.FindById(*connection, staff_id)) {
    return NotFound("staff user");
  }
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    const StaffEvent& last = page.items.back();
    page.next_cursor = cursor::Encode(kList, {std::to_string(last.at), last.id});
  }
  return page;
}

}  // namespace cartera::staff
