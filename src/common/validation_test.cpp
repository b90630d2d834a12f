#include "common/validation.hpp"

#include <gtest/gtest.h>

namespace cartera::validation {
namespace {

TEST(Email, AcceptsCommonAddresses) {
  EXPECT_TRUE(IsEmail("compras@comercialelectrica.es"));
  EXPECT_TRUE(IsEmail("a.b+c@sub.example.com.mx"));
}

TEST(Email, RejectsMalformed) {
  for (const char* bad : {"", "plain", "@x.com", "a@", "a@b", "a b@c.com", "a@@b.com", "a@-b.com",
                          "a@b..com", ".a@b.com", "a@b.com."}) {
    EXPECT_FALSE(IsEmail(bad)) << bad;
  }
  EXPECT_FALSE(IsEmail(std::string(250, 'a') + "@b.com"));
}

TEST(Currency, KnowsIso4217) {
  EXPECT_TRUE(IsCurrencyCode("EUR"));
  EXPECT_TRUE(IsCurrencyCode("MXN"));
  EXPECT_FALSE(IsCurrencyCode("eur"));
  EXPECT_FALSE(IsCurrencyCode("XYZ"));
  EXPECT_EQ(CurrencyMinorUnits("EUR"), 2);
  EXPECT_EQ(CurrencyMinorUnits("JPY"), 0);
  EXPECT_EQ(CurrencyMinorUnits("KWD"), 3);
}

TEST(Country, KnowsIso3166Alpha2) {
  EXPECT_TRUE(IsCountryCode("ES"));
  EXPECT_TRUE(IsCountryCode("MX"));
  EXPECT_TRUE(IsCountryCode("AD"));
  EXPECT_TRUE(IsCountryCode("ZW"));
  EXPECT_FALSE(IsCountryCode("es"));
  EXPECT_FALSE(IsCountryCode("XX"));
  EXPECT_FALSE(IsCountryCode("ESP"));
  EXPECT_FALSE(IsCountryCode(""));
}

TEST(Language, AcceptsIso639WithOptionalRegion) {
  EXPECT_TRUE(IsLanguageCode("es"));
  EXPECT_TRUE(IsLanguageCode("pt-BR"));
  EXPECT_FALSE(IsLanguageCode("xx"));
  EXPECT_FALSE(IsLanguageCode("es-mx"));
  EXPECT_FALSE(IsLanguageCode("spanish"));
}

TEST(Hundredths, AtMostTwoDecimals) {
  EXPECT_EQ(ToHundredths(12.5), 1250);
  EXPECT_EQ(ToHundredths(0.07), 7);
  EXPECT_EQ(ToHundredths(100), 10000);
  EXPECT_FALSE(ToHundredths(12.345).has_value());
}

}  // namespace
}  // namespace cartera::validation
