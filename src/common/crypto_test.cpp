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

namespace cartera::crypto {
namespace {

// RFC 4231, test case 2 (a short key) and a key longer than the block (test case 6).
TEST(Crypto, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HmacSha256Hex(std::string(131, '\xaa'),
                          "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

}  // namespace
}  // namespace cartera::crypto
