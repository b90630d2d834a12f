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

std::optional<Error> CheckSignInLimits(StaffRepository& repository, const std::string& email_key,
                                       const std::string& ip, time::Micros now) {
  using Limits = AuthService;
  const time::Micros since = now - Limits::kFailureWindowMicros;
  if (!ip.empty() && repository.CountFailuresFromIp(ip, since) >= Limits::kMaxFailuresPerAddress) {
    Error error = MakeError(ErrorCode::kResourceExhausted, "too_many_requests",
                            "Too many failed sign-ins from your address; try again later.");
    error.headers.emplace_back("Retry-After",
                               std::to_string(Limits::kFailureWindowMicros / 1000000));
    return error;
  }
  if (repository.CountFailures(email_key, since) >= Limits::kMaxFailures) {
    const time::Micros oldest = repository.OldestFailure(email_key, since).value_or(now);
    const int64_t retry_seconds =
        std::max<int64_t>(1, (oldest + Limits::kFailureWindowMicros - now) / 1000000 + 1);
    Error error = MakeError(ErrorCode::kResourceExhausted, "too_many_requests",
                            "Too many failed sign-ins for this email; try again later.");
    error.headers.emplace_back("Retry-After", std::to_string(retry_seconds));
    return error;
  }
  return std::nullopt;
}

Result<LoginResult> AuthService::Login(const std::string& email, const std::string& password,
                                       const std::string& ip) {
  const std::string email_key = text::Normalise(email);
  const time::Micros now = time::Now();
  if (auto refused = CheckSignInLimits(repository_, email_key, ip, now)) return *refused;
  const auto found = repository_.FindForLogin(email_key);
  const bool verified = crypto::VerifyPassword(password, found ? found->second : DummyHash());
  if (!found || !verified || !found->first.active) {
    repository_.RecordFailure(email_key, now, ip);
    return InvalidCredentials();
  }
  LoginResult result;
  result.token = crypto::RandomToken();
  result.csrf_token = crypto::RandomToken();
  result.user = found->first;
  repository_.InsertToken(crypto::Sha256Hex(result.token), "session", result.user.id, std::nullopt,
                          crypto::Sha256Hex(result.csrf_token), now + kSessionLifetimeMicros);
  return result;
}

Result<http::Principal> AuthService::Authenticate(const http::Request& request) {
  std::string token;
  bool via_cookie = false;
  if (const auto authorization = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->rfind(kBearer, 0) != 0) return Unauthenticated();
    token = std::string(text::Trim(authorization->substr(kBearer.size())));
  } else if (auto cookie = request.Cookie("cartera_session")) {
    token = std::move(*cookie);
    via_cookie = true;
  }
  if (token.empty()) return Unauthenticated();
  const auto found = FindToken(crypto::Sha256Hex(token));
  const time::Micros now = time::Now();
  if (!found) return Unauthenticated();
  const auto& [record, user] = *found;
  if ((record.expires_at && *record.expires_at < now) || !user.active) return Unauthenticated();
  if (!record.last_used_at || now - *record.last_used_at > kTouchIntervalMicros) {
    repository_.TouchToken(record.id, now);  // at most once a minute: reads stay reads
    std::lock_guard lock(cache_mutex_);
    if (auto cached = cache_.find(crypto::Sha256Hex(token)); cached != cache_.end()) {
      cached->second.record.last_used_at = now;
    }
  }
  http::Principal principal;
  principal.kind = http::PrincipalKind::kStaff;
  principal.id = user.id;
  principal.role = user.role;
  principal.name = user.name;
  principal.email = user.email;
  principal.token_id = record.id;
  principal.via_cookie = via_cookie;
  if (via_cookie) {
    const auto header = request.Header("x-csrf-token");
    principal.csrf_ok = header && !record.csrf_hash.empty() &&
                        crypto::ConstantTimeEquals(crypto::Sha256Hex(*header), record.csrf_hash);
  }
  return principal;
}

void AuthService::Logout(const http::Principal& principal) {
  repository_.DeleteToken(principal.token_id, principal.id);
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
  auto found = repository_.FindToken(token_hash);
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
  token.id = repository_.InsertToken(crypto::Sha256Hex(token.token), "api", staff_id, name,
                                     std::nullopt, std::nullopt);
  return token;
}

Result<StaffUser> AuthService::CreateUser(const std::string& email, const std::string& name,
                                          const std::string& role, const std::string& password) {
  return repository_.Create(email, name, role, crypto::HashPassword(password));
}

}  // namespace cartera::staff
