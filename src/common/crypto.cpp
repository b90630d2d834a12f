#include "common/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <semaphore>
#include <stdexcept>
#include <thread>
#include <vector>

namespace cartera::crypto {

bool Initialise() { return sodium_init() >= 0; }

std::string Base64UrlEncode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the encoder writes a terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string RandomToken(size_t bytes) {
  std::string buffer(bytes, '\0');
  randombytes_buf(buffer.data(), buffer.size());
  return Base64UrlEncode(buffer);
}

std::string RandomCode(size_t length, std::string_view alphabet) {
  std::string code;
  code.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    // randombytes_uniform has no modulo bias whatever the alphabet's size.
    code += alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))];
  }
  return code;
}

std::string Sha256Hex(std::string_view input) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

namespace {

// argon2id takes 64 MiB and a core for tens of milliseconds: at most one hash per core at a time,
// whatever the number of request threads, so a burst of sign-ins cannot exhaust memory.
class HashSlot {
 public:
  HashSlot() { Slots().acquire(); }
  ~HashSlot() { Slots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  static std::counting_semaphore<>& Slots() {
    static std::counting_semaphore<> slots(
        static_cast<std::ptrdiff_t>(std::max(1U, std::thread::hardware_concurrency())));
    return slots;
  }
};

}  // namespace

std::string HashPassword(std::string_view password) {
  const HashSlot slot;
  char encoded[crypto_pwhash_STRBYTES];
  // Interactive limits: 64 MiB and 2 passes, about 50-100 ms of CPU on one core.
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return encoded;
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  const HashSlot slot;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

}  // namespace cartera::crypto
