// Note priorities keep their stored strings and ranks; on both backends, the list order and the
// deletion of a customer's notes.
#include <gtest/gtest.h>

#include "customers/customer_repository.hpp"
#include "notes/note_repository.hpp"
#include "storage/test_database.hpp"

namespace cartera::notes {
namespace {

TEST(NotePriorities, NamesAndTheListOrder) {
  EXPECT_EQ(Name(Priority::kHigh), "high");
  EXPECT_EQ(ParsePriority("medium"), Priority::kMedium);
  EXPECT_EQ(ParsePriority("urgent"), std::nullopt);
  EXPECT_LT(Priority::kHigh, Priority::kMedium);
  EXPECT_LT(Priority::kMedium, Priority::kNone);
}

class NoteStore : public testing::TestWithParam<std::string> {};

TEST_P(NoteStore, ListsByPriorityThenNewestAndDeletesACustomersNotes) {
  storage::TestDatabase test_database(GetParam(), "cartera_notes_");
  if (!test_database.get()) GTEST_SKIP() << "CARTERA_TEST_PG_URL not set";
  auto connection = test_database.get()->Acquire();
  customers::Customer customer;
  customer.name = "Ferretería Núñez";
  customer.currency = "EUR";
  customer.language = "es";
  const int64_t customer_id = customers::CustomerRepository{}.Insert(*connection, customer)->id;
  NoteRepository notes;
  int64_t at = 1000;
  for (const auto priority : {Priority::kNone, Priority::kHigh, Priority::kNone}) {
    ++at;
    notes.Insert(*connection, Note{0, customer_id, "nota", priority, 1, "Ana", at, at, 1});
  }
  const auto listed = notes.List(*connection, customer_id, std::nullopt, 10);
  ASSERT_EQ(listed.size(), 3U);
  EXPECT_EQ(listed[0].priority, Priority::kHigh);
  EXPECT_EQ(listed[1].created_at, 1003);
  const auto after = notes.List(
      *connection, customer_id,
      NotePosition{static_cast<int64_t>(listed[1].priority), listed[1].created_at, listed[1].id},
      10);
  ASSERT_EQ(after.size(), 1U);
  EXPECT_EQ(after[0].created_at, 1001);
  notes.DeleteForCustomer(*connection, customer_id);
  EXPECT_TRUE(notes.List(*connection, customer_id, std::nullopt, 10).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, NoteStore, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace
}  // namespace cartera::notes
