#include "common/time.hpp"

#include <gtest/gtest.h>

namespace cartera::time {
namespace {

TEST(Rfc3339, FormatsUtc) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(int64_t{1795356180} * 1000000), "2026-11-22T14:03:00Z");
}

TEST(Rfc3339, ParsesZuluOffsetsAndFractions) {
  EXPECT_EQ(ParseRfc3339("2026-11-22T14:03:00Z"), int64_t{1795356180} * 1000000);
  EXPECT_EQ(ParseRfc3339("2026-11-22T15:03:00+01:00"), int64_t{1795356180} * 1000000);
  EXPECT_EQ(ParseRfc3339("2026-11-22T14:03:00.5Z"), int64_t{1795356180} * 1000000 + 500000);
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z").has_value());
  EXPECT_FALSE(ParseRfc3339("yesterday").has_value());
  EXPECT_FALSE(ParseRfc3339("2026-11-22T14:03:00").has_value());
}

TEST(Date, FormatsAndParsesCalendarDates) {
  EXPECT_EQ(FormatDate(int64_t{1795356180} * 1000000), "2026-11-22");
  EXPECT_EQ(ParseDate("2026-11-22"), int64_t{1795305600} * 1000000);
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("2026-1-22"));
  EXPECT_FALSE(ParseDate("+026-11-22"));
  EXPECT_FALSE(ParseDate("2026-11-22T00:00:00Z"));
  EXPECT_FALSE(ParseDate(""));
}

}  // namespace
}  // namespace cartera::time
