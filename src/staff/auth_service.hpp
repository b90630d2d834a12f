#pragma once

#include <string>

#include "common/result.hpp"
#include "http/request.hpp"
#include "staff/staff_repository.hpp"

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

// Staff sign-in, sessions and API tokens. Tokens are random 256-bit values; only their SHA-256
// is stored, so a database leak does not leak sessions.
class AuthService {
 public:
  static constexpr int kMaxFailures = 10;
  static constexpr int64_t kFailureWindowMicros = int64_t{15} * 60 * 1000000;
  static constexpr int64_t kSessionLifetimeMicros = int64_t{30} * 24 * 3600 * 1000000;

  explicit AuthService(StaffRepository& repository) : repository_(repository) {}

  // Errors: kUnauthenticated `invalid_credentials`; kResourceExhausted `too_many_requests`
  // (with Retry-After) after kMaxFailures failures for the email within the window.
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            const std::string& ip);
  // The caller from `Authorization: Bearer` or the session cookie.
  // Errors: kUnauthenticated `unauthenticated`.
  Result<http::Principal> Authenticate(const http::Request& request);
  void Logout(const http::Principal& principal);
  Result<ApiToken> CreateApiToken(int64_t staff_id, const std::string& name);

  // Creates a staff user with a hashed password. Errors as StaffRepository::Create.
  Result<StaffUser> CreateUser(const std::string& email, const std::string& name,
                               const std::string& role, const std::string& password);

 private:
  StaffRepository& repository_;
};

}  // namespace cartera::staff
