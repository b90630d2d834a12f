#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/principal.hpp"
#include "common/result.hpp"
#include "staff/staff_repository.hpp"
#include "storage/database.hpp"

namespace cartera::staff {

struct LoginResult {
  std::string token;       // the session token (also the cookie value)
  std::string csrf_token;  // for the readable CSRF cookie
  StaffUser user;
};

struct ApiToken {
  int64_t id = 0;
  std::string token;  // shown once
};

// What a request presents to prove who it is (read by the routes from its headers).
struct Credentials {
  std::string token;  // from `Authorization: Bearer`, else the session cookie; may be empty
  bool via_cookie = false;
  std::optional<std::string> csrf_token;  // the X-CSRF-Token header (cookie requests)
};

// Staff sign-in, sessions and API tokens. Tokens are random 256-bit values; only their SHA-256
// is stored, so a database leak does not leak sessions.
class AuthService {
 public:
  static constexpr int kMaxFailures = 10;
  // Failures from one address within the window, whatever the emails: each failed attempt costs
  // an argon2id hash, so an address that guesses at many emails is slowed down too.
  static constexpr int kMaxFailuresPerAddress = 100;
  static constexpr int64_t kFailureWindowMicros = int64_t{15} * 60 * 1000000;
  static constexpr int64_t kSessionLifetimeMicros = int64_t{30} * 24 * 3600 * 1000000;

  explicit AuthService(storage::Database& database) : database_(database) {}

  // Errors: kUnauthenticated `invalid_credentials`; kResourceExhausted `too_many_requests`
  // (with Retry-After) after kMaxFailures failures for the email within the window.
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            const std::string& ip);
  // The caller presenting `credentials`. Errors: kUnauthenticated `unauthenticated`.
  Result<Principal> Authenticate(const Credentials& credentials);
  void Logout(const Principal& principal);
  Result<ApiToken> CreateApiToken(int64_t staff_id, const std::string& name);

  // Forgets cached sessions; call after anything that ends sessions or changes a user.
  void InvalidateCache();

  // The sign-in rate limits, shared by staff and contacts (one table of failures, keyed by the
  // normalised email and the client address): a refusal with Retry-After when the email or the
  // address has failed too often within the window, else nullopt.
  std::optional<Error> CheckSignInLimits(const std::string& email_key, const std::string& ip,
                                         time::Micros now);
  // Counts a failed sign-in (staff or contact) against the email and the address.
  void RecordFailure(const std::string& email_key, time::Micros at, const std::string& ip);

 private:
  // Recently seen tokens, so that a burst of requests costs one lookup. Entries live
  // kCacheTtl: another server process sees a revoked session refused within that time; this
  // process at once (logout and staff changes clear the cache).
  static constexpr std::chrono::milliseconds kCacheTtl{2000};
  static constexpr size_t kCacheCapacity = 10000;
  struct CachedToken {
    TokenRecord record;
    StaffUser user;
    std::chrono::steady_clock::time_point until;
  };
  std::optional<std::pair<TokenRecord, StaffUser>> FindToken(const std::string& token_hash);

  storage::Database& database_;
  StaffRepository repository_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedToken> cache_;
  uint64_t cache_generation_ = 0;  // bumped by InvalidateCache; stale lookups are not cached
};

// A valid argon2id hash of a random password, verified against when an email is unknown so that
// timing does not tell which emails have accounts (staff and contacts).
const std::string& DummyHash();

}  // namespace cartera::staff
