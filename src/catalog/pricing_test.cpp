#include "catalog/pricing.hpp"

#include <gtest/gtest.h>

namespace cartera::catalog {
namespace {

struct Case {
  const char* what;
  int64_t base_minor;
  int64_t discount_hundredths;
  int64_t expected;
};

TEST(PersonalUnitPrice, RoundsHalfUpToTheMinorUnit) {
  const Case cases[] = {
      {"EUR 10.00 at 12.5 %", 1000, 1250, 875},
      {"EUR 9.99 at 10 %: 8.991 -> 8.99", 999, 1000, 899},
      {"EUR 10.05 at 5 %: 9.5475 -> 9.55", 1005, 500, 955},
      {"EUR 0.01 at 50 %: half a cent rounds up", 1, 5000, 1},
      {"EUR 0.01 at 50.01 %: under half rounds down", 1, 5001, 0},
      {"JPY 1999 at 12.5 %: 1749.125 -> 1749 yen", 1999, 1250, 1749},
      {"JPY 3 at 50 %: 1.5 -> 2 yen", 3, 5000, 2},
      {"KWD 1.005 (1005 fils) at 7.5 %: 929.625 -> 930 fils", 1005, 750, 930},
      {"no discount", 123456, 0, 123456},
      {"free at 100 %", 123456, 10000, 0},
      {"huge price keeps precision", 9'000'000'000'000'000'000, 1, 8'999'100'000'000'000'000},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PersonalUnitPrice(c.base_minor, c.discount_hundredths), c.expected) << c.what;
  }
}

}  // namespace
}  // namespace cartera::catalog
