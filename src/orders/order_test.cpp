#include "orders/order.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cartera::orders {
namespace {

TEST(OrderWorkflow, AllowsExactlyTheDocumentedSteps) {
  const std::set<std::pair<std::string, std::string>> legal = {
      {"pending", "confirmed"},       {"pending", "cancelled"},   {"confirmed", "in_production"},
      {"confirmed", "shipped"},       {"confirmed", "cancelled"}, {"in_production", "shipped"},
      {"in_production", "cancelled"}, {"shipped", "delivered"}};
  for (const auto from : kStatuses) {
    for (const auto to : kStatuses) {
      const bool expected = legal.contains({std::string(from), std::string(to)});
      EXPECT_EQ(IsLegalTransition("order", from, to), expected) << from << " -> " << to;
    }
  }
}

TEST(OrderWorkflow, QuotesOnlyCancel) {
  for (const auto from : kStatuses) {
    for (const auto to : kStatuses) {
      EXPECT_EQ(IsLegalTransition("quote", from, to), from == "pending" && to == "cancelled")
          << from << " -> " << to;
    }
  }
}

TEST(OrderWorkflow, FinalStatusesGoNowhere) {
  EXPECT_TRUE(NextStatuses("order", "delivered").empty());
  EXPECT_TRUE(NextStatuses("order", "cancelled").empty());
  EXPECT_EQ(NextStatuses("order", "pending"),
            (std::vector<std::string_view>{"confirmed", "cancelled"}));
  EXPECT_FALSE(IsLegalTransition("invoice", "pending", "cancelled"));
}

TEST(OrderNumber, PadsToSixDigitsAndGrows) {
  EXPECT_EQ(FormatNumber("order", 123), "P-000123");
  EXPECT_EQ(FormatNumber("quote", 45), "C-000045");
  EXPECT_EQ(FormatNumber("order", 12345678), "P-12345678");
}

TEST(SkuLines, ReadsEverySeparatorAndNamesBadLines) {
  const auto lines =
      ParseSkuLines("AB-100 3\r\n\n  cd-7;12\nEF-1,2\nGH-2\t5\nIJ-3\nKL 0\nMN x\nA B C\n");
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0].line, 1);
  EXPECT_EQ(lines[0].sku, "AB-100");
  EXPECT_EQ(lines[0].quantity, 3);
  EXPECT_EQ(lines[0].error, "");
  EXPECT_EQ(lines[1].line, 3);
  EXPECT_EQ(lines[1].sku, "cd-7");
  EXPECT_EQ(lines[1].quantity, 12);
  EXPECT_EQ(lines[2].quantity, 2);
  EXPECT_EQ(lines[3].quantity, 5);
  EXPECT_EQ(lines[4].sku, "IJ-3");
  EXPECT_EQ(lines[4].quantity, 1);
  EXPECT_EQ(lines[5].error, "bad_quantity");
  EXPECT_EQ(lines[6].error, "bad_quantity");
  EXPECT_EQ(lines[7].error, "unreadable");
  EXPECT_EQ(lines[7].text, "A B C");
}

TEST(SkuLines, QuantityLimits) {
  EXPECT_EQ(ParseSkuLines("X 1000000")[0].quantity, 1000000);
  EXPECT_EQ(ParseSkuLines("X 1000001")[0].error, "bad_quantity");
  EXPECT_EQ(ParseSkuLines("X -2")[0].error, "bad_quantity");
  EXPECT_EQ(ParseSkuLines("X 99999999999999999999")[0].error, "bad_quantity");
  EXPECT_TRUE(ParseSkuLines("\n \n").empty());
}

}  // namespace
}  // namespace cartera::orders
