#include "staff/auth_service.hpp"

#include "common/crypto.hpp"
#include "common/text.hpp"

namespace cartera::staff {
namespace {

constexpr int64_t kTouchIntervalMicros = int64_t{60} * 1000000;

Error InvalidCredentials() {
  return MakeError(ErrorCode::kUnauthenticated, "invalid_credentials", "Wrong email or password.");
}

Error Unauthenticated() {
  return MakeError(ErrorCode::kUnauthenticated, "unauthenticated", "Sign in first.");
}

}  // namespace

const std::string& DummyHash() {
  static const std::string hash = crypto::HashPassword(crypto::RandomToken());
  return hash;
}

std::optional<Error> AuthService::CheckSignInLimits(const std::string& email_key,
                                                    const std::string& ip, time::Micros now) {
  const time::Micros since = now - kFailureWindowMicros;
  auto connection = database_.Acquire();
  if (!ip.empty() &&
      repository_.CountFailuresFromIp(*connection, ip, since) >= kMaxFailuresPerAddress) {
    Error error = MakeError(ErrorCode::kResourceExhausted, "too_many_requests",
                            "Too many failed sign-ins from your address; try again later.");
    error.headers.emplace_back("Retry-After", std::to_string(kFailureWindowMicros / 1000000));
    return error;
  }
  if (repository_.CountFailures(*connection, email_key, since) >= kMaxFailures) {
    const time::Micros oldest =
        repository_.OldestFailure(*connection, email_key, since).value_or(now);
    const int64_t retry_seconds =
        std::max<int64_t>(1, (oldest + kFailureWindowMicros - now) / 1000000 + 1);
    Error error = MakeError(ErrorCode::kResourceExhausted, "too_many_requests",
                            "Too many failed sign-ins for this email; try again later.");
    error.headers.emplace_back("Retry-After", std::to_string(retry_seconds));
    return error;
  }
  return std::nullopt;
}

void AuthService::RecordFailure(const std::string& email_key, time::Micros at,
                                const std::string& ip) {
  auto connection = database_.Acquire();
  repository_.RecordFailure(*connection, email_key, at, ip);
}

Result<LoginResult> AuthService::Login(const std::string& email, const std::string& password,
                                       const std::string& ip) {
  const std::string email_key = text::Normalise(email);
  const time::Micros now = time::Now();
  if (auto refused = CheckSignInLimits(email_key, ip, now)) return *refused;
  std::optional<std::pair<StaffUser, std::string>> found;
  {
    auto connection = database_.Acquire();
    found = repository_.FindForLogin(*connection, email_key);
  }
  const bool verified = crypto::VerifyPassword(password, found ? found->second : DummyHash());
  if (!found || !verified || !found->first.active) {
    RecordFailure(email_key, now, ip);
    return InvalidCredentials();
  }
  LoginResult result;
  result.token = crypto::RandomToken();
  result.csrf_token = crypto::RandomToken();
  result.user = found->first;
  auto connection = database_.Acquire();
  repository_.InsertToken(*connection, crypto::Sha256Hex(result.token), TokenKind::kSession,
                          result.user.id, std::nullopt, crypto::Sha256Hex(result.csrf_token),
                          now + kSessionLifetimeMicros, now);
  return result;
}

Result<Principal> AuthService::Authenticate(const Credentials& credentials) {
  if (credentials.token.empty()) return Unauthenticated();
  const std::string token_hash = crypto::Sha256Hex(credentials.token);
  const auto found = FindToken(token_hash);
  const time::Micros now = time::Now();
  if (!found) return Unauthenticated();
  const auto& [record, user] = *found;
  if ((record.expires_at && *record.expires_at < now) || !user.active) return Unauthenticated();
  if (!record.last_used_at || now - *record.last_used_at > kTouchIntervalMicros) {
    {
      auto connection = database_.Acquire();
      repository_.TouchToken(*connection, record.id, now);  // at most once a minute
    }
    std::lock_guard lock(cache_mutex_);
    if (auto cached = cache_.find(token_hash); cached != cache_.end()) {
      cached->second.record.last_used_at = now;
    }
  }
  Principal principal;
  principal.kind = PrincipalKind::kStaff;
  principal.id = user.id;
  principal.role = user.role;
  principal.name = user.name;
  principal.email = user.email;
  principal.token_id = record.id;
  principal.via_cookie = credentials.via_cookie;
  if (credentials.via_cookie) {
    const auto& header = credentials.csrf_token;
    principal.csrf_ok = header && !record.csrf_hash.empty() &&
                        crypto::ConstantTimeEquals(crypto::Sha256Hex(*header), record.csrf_hash);
  }
  return principal;
}

void AuthService::Logout(const Principal& principal) {
  {
    auto connection = database_.Acquire();
    repository_.DeleteToken(*connection, principal.token_id, principal.id);
  }
  InvalidateCache();
}

void AuthService::InvalidateCache() {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
  ++cache_generation_;
}

std::optional<std::pair<TokenRecord, StaffUser>> AuthService::FindToken(
    const std::string& token_hash) {
  const auto now = std::chrono::steady_clock::now();
  uint64_t generation = 0;
  {
    std::lock_guard lock(cache_mutex_);
    generation = cache_generation_;
    if (const auto found = cache_.find(token_hash); found != cache_.end()) {
      if (found->second.until > now)
        return std::make_pair(found->second.record, found->second.user);
      cache_.erase(found);
    }
  }
  std::optional<std::pair<TokenRecord, StaffUser>> found;
  {
    auto connection = database_.Acquire();
    found = repository_.FindToken(*connection, token_hash);
  }
  if (found) {
    std::lock_guard lock(cache_mutex_);
    // A logout or staff change since our read may have made what we read stale.
    if (generation != cache_generation_) return found;
    if (cache_.size() >= kCacheCapacity) cache_.clear();
    cache_[token_hash] = CachedToken{found->first, found->second, now + kCacheTtl};
  }
  return found;
}

Result<ApiToken> AuthService::CreateApiToken(int64_t staff_id, const std::string& name) {
  ApiToken token;
  token.token = crypto::RandomToken();
  auto connection = database_.Acquire();
  token.id = repository_.InsertToken(*connection, crypto::Sha256Hex(token.token), TokenKind::kApi,
                                     staff_id, name, std::nullopt, std::nullopt, time::Now());
  return token;
}

}  // namespace cartera::staff
