#pragma once

#include <optional>
#include <string>
#include <string_view>

// Thin wrappers over libsodium: the one place that touches key material.
namespace cartera::crypto {

// Initialises libsodium; call once at start. Returns false if the library cannot start.
bool Initialise();

// `bytes` random bytes from the OS CSPRNG as unpadded base64url (32 bytes -> 43 chars).
std::string RandomToken(size_t bytes = 32);

// `length` characters drawn uniformly from `alphabet` with the OS CSPRNG: short codes a person
// types (e.g. a deletion confirmation code).
std::string RandomCode(size_t length, std::string_view alphabet);

// Lower-case hex SHA-256 of `input`: how tokens are stored.
std::string Sha256Hex(std::string_view input);

// argon2id hash in the standard encoded form (algorithm, cost and salt included).
std::string HashPassword(std::string_view password);
// True when `password` matches `encoded_hash`; constant-time in the hash comparison.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Lower-case hex HMAC-SHA256 of `message` with `key` (any length): webhook signatures.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace cartera::crypto
