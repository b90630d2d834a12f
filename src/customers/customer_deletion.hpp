#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.hpp"

// Deleting a customer (F3) takes a confirmation code the staff user asked for a moment before;
// deactivating one (F14) is refused while its contacts can sign in.
namespace cartera::customers {

// Capital letters and digits without the look-alikes 0/O and 1/I/L: 31 symbols, so six of them
// make about 8.9e8 codes.
inline constexpr std::string_view kDeletionCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr size_t kDeletionCodeLength = 6;
inline constexpr time::Micros kDeletionCodeValidity = 10 * 60 * 1'000'000LL;
// Wrong codes entered before the code is burnt (a new one must be requested).
inline constexpr int64_t kMaxDeletionCodeAttempts = 5;

// A fresh random code from the CSPRNG (kDeletionCodeLength symbols of the alphabet).
std::string NewDeletionCode();
// What a person typed, as compared: upper case, without spaces and hyphens ("abc 123" ->
// "ABC123"). Empty when nothing was typed.
std::string NormaliseDeletionCode(std::string_view typed);
// The stored form: SHA-256 (hex) of the customer id and the normalised code, so a code is
// bound to its customer.
std::string HashDeletionCode(int64_t customer_id, std::string_view normalised_code);

// A customer's orders and quotes: any of them forbids deletion.
struct OrderCounts {
  int64_t orders = 0;
  int64_t quotes = 0;
};

// A contact of the customer that can sign in (access `invited` or `active`).
struct ContactAccess {
  int64_t id = 0;
  std::string name;  // first and last name
};

struct StoredDeletionCode {
  std::string code_hash;
  int64_t failed_attempts = 0;
  time::Micros expires_at = 0;
};

}  // namespace cartera::customers
