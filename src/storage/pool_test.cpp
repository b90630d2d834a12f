#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

#include "storage/database.hpp"

namespace cartera::storage {
namespace {

// A connection that is never used for SQL: the pool's bookkeeping is under test.
class NullConnection final : public Connection {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }
  Rows Query(std::string_view, const Params&) override { return {}; }
  int64_t Execute(std::string_view, const Params&) override { return 0; }
  void ExecuteScript(std::string_view) override {}
  void Begin() override {}
  void Commit() override {}
  void Rollback() override {}
};

TEST(Pool, AWaiterGetsTheSlotOfAConnectionThatFailedToOpen) {
  std::atomic<int> attempts{0};
  std::promise<void> first_started;
  std::promise<void> let_first_fail;
  auto fail_first = let_first_fail.get_future().share();
  Database database(Dialect::kSqlite, 1, [&]() -> std::unique_ptr<Connection> {
    if (attempts.fetch_add(1) == 0) {
      first_started.set_value();
      fail_first.wait();
      throw DatabaseError("server down");
    }
    return std::make_unique<NullConnection>();
  });
  auto failing = std::async(std::launch::async, [&] { return database.Acquire(); });
  first_started.get_future().wait();
  auto waiting = std::async(std::launch::async, [&] { database.Acquire(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let it block on the full pool
  let_first_fail.set_value();
  EXPECT_THROW(failing.get(), DatabaseError);
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(5)), std::future_status::ready)
      << "the second caller waited forever for a slot that was free";
  EXPECT_EQ(database.Stats().in_use, 0U);
}

}  // namespace
}  // namespace cartera::storage
