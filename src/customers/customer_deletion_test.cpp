#include "customers/customer_deletion.hpp"

#include <gtest/gtest.h>

#include <set>

namespace cartera::customers {
namespace {

TEST(DeletionCode, SixUnambiguousSymbolsAndRandom) {
  std::set<std::string> seen;
  std::set<char> symbols;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = NewDeletionCode();
    ASSERT_EQ(code.size(), kDeletionCodeLength);
    for (const char c : code) {
      ASSERT_NE(kDeletionCodeAlphabet.find(c), std::string_view::npos) << code;
      symbols.insert(c);
    }
    seen.insert(code);
  }
  EXPECT_GT(seen.size(), 1990U);  // about 8.9e8 codes: collisions in 2000 are very rare
  EXPECT_EQ(symbols.size(), kDeletionCodeAlphabet.size());  // every symbol is drawn
  for (const char lookalike : std::string_view("01ILO")) {
    EXPECT_EQ(kDeletionCodeAlphabet.find(lookalike), std::string_view::npos) << lookalike;
  }
}

TEST(DeletionCode, TypedCodeIsNormalised) {
  EXPECT_EQ(NormaliseDeletionCode(" abc-7k9 "), "ABC7K9");
  EXPECT_EQ(NormaliseDeletionCode("ABC 7K9"), "ABC7K9");
  EXPECT_EQ(NormaliseDeletionCode("   "), "");
  EXPECT_EQ(NormaliseDeletionCode(""), "");
}

TEST(DeletionCode, HashIsBoundToTheCustomer) {
  EXPECT_EQ(HashDeletionCode(7, "ABC7K9"), HashDeletionCode(7, "ABC7K9"));
  EXPECT_NE(HashDeletionCode(7, "ABC7K9"), HashDeletionCode(8, "ABC7K9"));
  EXPECT_NE(HashDeletionCode(7, "ABC7K9"), HashDeletionCode(7, "ABC7K8"));
  EXPECT_EQ(HashDeletionCode(7, "ABC7K9").size(), 64U);
  EXPECT_EQ(HashDeletionCode(7, "ABC7K9").find("ABC"), std::string::npos);
}

}  // namespace
}  // namespace cartera::customers
