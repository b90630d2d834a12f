#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>
#include <vector>

#include "storage/database.hpp"

namespace cartera::storage {
namespace {

class GroupCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() /
        ("cartera-group-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(directory_);
    database_ = Open("sqlite:" + (directory_ / "g.db").string(), 4);
    database_->Acquire()->ExecuteScript(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(directory_);
  }
  int64_t Count() { return database_->Acquire()->Query("SELECT COUNT(*) FROM items").at(0).Int(0); }

  std::filesystem::path directory_;
  std::unique_ptr<Database> database_;
};

// Many writers at once: each one's rows are committed, failures roll back only their own rows,
// and the writes share commits.
TEST_F(GroupCommit, ConcurrentWritersShareCommitsAndFailuresStayTheirOwn) {
  constexpr int kWriters = 32;
  constexpr int kRounds = 20;
  std::atomic<int> refused{0}, thrown{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int r = 0; r < kRounds; ++r) {
        const std::string name = "w" + std::to_string(w) + "-" + std::to_string(r);
        if (r % 5 == 3) {
          // Writes a row, then returns an error: the row must not survive.
          auto result = database_->InTransaction([&](Connection& c) -> Status {
            c.Execute("INSERT INTO items (name) VALUES ($1)", {name});
            return MakeError(ErrorCode::kValidation, "no", "refused");
          });
          if (!result.ok()) ++refused;
        } else if (r % 5 == 4) {
          // Writes a row, then violates the unique name: the exception reaches this caller.
          try {
            (void)database_->InTransaction([&](Connection& c) -> Status {
              c.Execute("INSERT INTO items (name) VALUES ($1)", {name});
              c.Execute("INSERT INTO items (name) VALUES ($1)", {name});
              return Ok{};
            });
          } catch (const UniqueViolation&) {
            ++thrown;
          }
        } else {
          auto result = database_->InTransaction([&](Connection& c) -> Status {
            c.Execute("INSERT INTO items (name) VALUES ($1)", {name});
            return Ok{};
          });
          EXPECT_TRUE(result.ok());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refused.load(), kWriters * kRounds / 5);
  EXPECT_EQ(thrown.load(), kWriters * kRounds / 5);
  EXPECT_EQ(Count(), kWriters * kRounds * 3 / 5);
  const PoolStats stats = database_->Stats();
  EXPECT_EQ(stats.group_works, static_cast<uint64_t>(kWriters * kRounds));
  EXPECT_LT(stats.group_commits, stats.group_works) << "concurrent writes should share commits";
}

// A value written in one call is visible to the next, which runs on the same writer.
TEST_F(GroupCommit, ResultsComeBackToTheirCaller) {
  auto first = database_->InTransaction([](Connection& c) -> Result<int64_t> {
    return c.Query("INSERT INTO items (name) VALUES ('a') RETURNING id").at(0).Int(0);
  });
  ASSERT_TRUE(first.ok());
  auto second = database_->InTransaction([&](Connection& c) -> Result<int64_t> {
    return c.Query("SELECT COUNT(*) FROM items WHERE id = $1", {*first}).at(0).Int(0);
  });
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 1);
}

// A work that starts another transaction would wait for itself; it is refused instead.
TEST_F(GroupCommit, ANestedTransactionIsRefusedNotDeadlocked) {
  EXPECT_THROW((void)database_->InTransaction([&](Connection&) -> Status {
    return database_->InTransaction([](Connection&) -> Status { return Ok{}; });
  }),
               DatabaseError);
  auto after = database_->InTransaction([](Connection& c) -> Status {
    c.Execute("INSERT INTO items (name) VALUES ('after')");
    return Ok{};
  });
  EXPECT_TRUE(after.ok());
  EXPECT_EQ(Count(), 1);
}

// A work alone (a long import) commits or rolls back whole, in its own transaction, while
// shared writers go on around it.
TEST_F(GroupCommit, AWorkAloneCommitsOrRollsBackWhole) {
  std::atomic<bool> stop{false};
  std::atomic<int> shared{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      auto done = database_->InTransaction([&](Connection& c) -> Status {
        c.Execute("INSERT INTO items (name) VALUES ($1)", {"shared-" + std::to_string(i)});
        return Ok{};
      });
      if (done.ok()) ++shared;
    }
  });
  const auto alone = [&](const std::string& prefix, bool fail) {
    return database_->InTransaction(
        [&](Connection& c) -> Status {
          for (int i = 0; i < 500; ++i) {
            c.Execute("INSERT INTO items (name) VALUES ($1)", {prefix + std::to_string(i)});
          }
          if (fail) return MakeError(ErrorCode::kValidation, "no", "refused");
          return Ok{};
        },
        Grouping::kAlone);
  };
  EXPECT_FALSE(alone("refused-", true).ok());
  EXPECT_TRUE(alone("kept-", false).ok());
  EXPECT_THROW((void)database_->InTransaction(
                   [](Connection& c) -> Status {
                     c.Execute("INSERT INTO items (name) VALUES ('twice')");
                     c.Execute("INSERT INTO items (name) VALUES ('twice')");
                     return Ok{};
                   },
                   Grouping::kAlone),
               DatabaseError);
  stop = true;
  writer.join();
  const auto count = [&](const std::string& like) {
    return database_->Acquire()
        ->Query("SELECT COUNT(*) FROM items WHERE name LIKE $1", {like})
        .at(0)
        .Int(0);
  };
  EXPECT_EQ(count("refused-%"), 0);
  EXPECT_EQ(count("kept-%"), 500);
  EXPECT_EQ(count("twice"), 0);
  EXPECT_EQ(count("shared-%"), shared.load());
}

}  // namespace
}  // namespace cartera::storage
