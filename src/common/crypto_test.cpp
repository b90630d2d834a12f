#include "common/crypto.hpp"

#include <gtest/gtest.h>

namespace cartera::crypto {
namespace {

TEST(Crypto, TokensAreRandom256Bit) {
  ASSERT_TRUE(Initialise());
  const std::string a = RandomToken();
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, RandomToken());
  EXPECT_EQ(Base64UrlDecode(a)->size(), 32U);
}

TEST(Crypto, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, PasswordsUseArgon2id) {
  ASSERT_TRUE(Initialise());
  const std::string hash = HashPassword("correct horse");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0U);
  EXPECT_TRUE(VerifyPassword("correct horse", hash));
  EXPECT_FALSE(VerifyPassword("wrong horse", hash));
}

}  // namespace
}  // namespace cartera::crypto
