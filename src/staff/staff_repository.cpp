#include "staff/staff_repository.hpp"

#include <boost/json/parse.hpp>

#include "common/text.hpp"

namespace cartera::staff {
namespace {

using storage::Connection;

constexpr std::string_view kCount = "SELECT COUNT(*) FROM staff_users";
constexpr std::string_view kFindById =
    "SELECT id, email, name, role, active, created_at, updated_at, version FROM staff_users WHERE "
    "id = $1";
constexpr std::string_view kFindForLogin =
    "SELECT id, email, name, role, active, created_at, updated_at, version, password_hash FROM "
    "staff_users WHERE email_key = $1";
constexpr std::string_view kList =
    "SELECT id, email, name, role, active, created_at, updated_at, version FROM staff_users ORDER "
    "BY id";
constexpr std::string_view kInsert =
    "INSERT INTO staff_users (email, email_key, name, role, password_hash, active, created_at, "
    "updated_at, version) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE staff_users SET email = COALESCE($2, email), email_key = COALESCE($3, email_key), "
    "name = COALESCE($4, name), role = COALESCE($5, role), active = COALESCE($6, active), "
    "password_hash = COALESCE($7, password_hash), updated_at = $8, version = version + 1 WHERE "
    "id = $1";
constexpr std::string_view kActiveOwners =
    "SELECT id FROM staff_users WHERE role = 'owner' AND active = 1";
constexpr std::string_view kLockActiveOwners =
    "SELECT id FROM staff_users WHERE role = 'owner' AND active = 1 ORDER BY id FOR UPDATE";
constexpr std::string_view kFirstActiveOwnerEmail =
    "SELECT email FROM staff_users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1";
// orders and quick_links keep what a deleted user entered, without naming them.
constexpr std::string_view kUnlinkOrders =
    "UPDATE orders SET created_by = NULL WHERE created_by = $1";
constexpr std::string_view kUnlinkQuickLinks =
    "UPDATE quick_links SET created_by = NULL WHERE created_by = $1";
constexpr std::string_view kDelete = "DELETE FROM staff_users WHERE id = $1";

constexpr std::string_view kInsertToken =
    "INSERT INTO auth_tokens (token_hash, kind, staff_id, name, csrf_hash, created_at, "
    "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr std::string_view kFindToken =
    "SELECT u.id, u.email, u.name, u.role, u.active, u.created_at, u.updated_at, u.version, "
    "t.id, COALESCE(t.csrf_hash, ''), t.expires_at, t.last_used_at "
    "FROM auth_tokens t JOIN staff_users u ON u.id = t.staff_id WHERE t.token_hash = $1";
constexpr std::string_view kTouchToken = "UPDATE auth_tokens SET last_used_at = $2 WHERE id = $1";
constexpr std::string_view kDeleteToken = "DELETE FROM auth_tokens WHERE id = $1 AND staff_id = $2";
constexpr std::string_view kDeleteTokensOf = "DELETE FROM auth_tokens WHERE staff_id = $1";

constexpr std::string_view kCountFailures =
    "SELECT COUNT(*) FROM login_failures WHERE email_key = $1 AND at > $2";
constexpr std::string_view kOldestFailure =
    "SELECT MIN(at) FROM login_failures WHERE email_key = $1 AND at > $2";
constexpr std::string_view kCountFailuresFromIp =
    "SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at > $2";
constexpr std::string_view kInsertFailure =
    "INSERT INTO login_failures (email_key, at, ip) VALUES ($1, $2, $3)";
constexpr std::string_view kForgetFailures = "DELETE FROM login_failures WHERE at < $1";

constexpr std::string_view kInsertEvent =
    "INSERT INTO staff_events (staff_id, staff_name, type, data, created_at) VALUES ($1, $2, $3, "
    "$4, $5)";
constexpr std::string_view kListEvents =
    "SELECT id, staff_id, staff_name, type, data, created_at FROM staff_events WHERE staff_id = "
    "$1 ORDER BY created_at DESC, id DESC LIMIT $2";
constexpr std::string_view kListEventsBefore =
    "SELECT id, staff_id, staff_name, type, data, created_at FROM staff_events WHERE staff_id = "
    "$1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4";

constexpr std::string_view kEmailConstraint = "staff_users_email_key_key";

StaffUser FromRow(const storage::Row& row) {
  return StaffUser{row.Int(0),  row.Text(1),
                   row.Text(2), ParseStaffRole(row.Text(3)).value_or(StaffRole::kViewer),
                   row.Bool(4), row.Int(5),
                   row.Int(6),  row.Int(7)};
}

Error EmailTaken() {
  return MakeError(ErrorCode::kAlreadyExists, "email_taken", "Another staff user has this email.");
}

storage::Value RoleValue(std::optional<StaffRole> role) {
  if (!role) return nullptr;
  return std::string(StaffRoleName(*role));
}

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  return kind == TokenKind::kApi ? "api" : "session";
}

int64_t StaffRepository::Count(Connection& connection) {
  return connection.Query(kCount).at(0).Int(0);
}

std::optional<StaffUser> StaffRepository::FindById(Connection& connection, int64_t id) {
  const auto rows = connection.Query(kFindById, {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::optional<std::pair<StaffUser, std::string>> StaffRepository::FindForLogin(
    Connection& connection, const std::string& email_key) {
  const auto rows = connection.Query(kFindForLogin, {email_key});
  if (rows.empty()) return std::nullopt;
  return std::make_pair(FromRow(rows[0]), rows[0].Text(8));
}

std::vector<StaffUser> StaffRepository::List(Connection& connection) {
  std::vector<StaffUser> users;
  for (const auto& row : connection.Query(kList)) users.push_back(FromRow(row));
  return users;
}

Result<StaffUser> StaffRepository::Insert(Connection& connection, const std::string& email,
                                          const std::string& name, StaffRole role,
                                          const std::string& password_hash, time::Micros now) {
  auto rows = connection.TryQuery(kInsert, {email, text::Normalise(email), name,
                                            std::string(StaffRoleName(role)), password_hash, now});
  if (!rows.ok()) {
    if (storage::IsUniqueViolation(rows.error(), kEmailConstraint)) return EmailTaken();
    return std::move(rows).error();
  }
  return StaffUser{rows->at(0).Int(0), email, name, role, true, now, now, 1};
}

Status StaffRepository::Update(Connection& connection, int64_t id, const StaffWrite& write,
                               time::Micros now) {
  auto changed = connection.TryExecute(
      kUpdate,
      {id, storage::Nullable(write.email),
       write.email ? storage::Value(text::Normalise(*write.email)) : storage::Value(nullptr),
       storage::Nullable(write.name), RoleValue(write.role),
       write.active ? storage::Value(int64_t{*write.active ? 1 : 0}) : storage::Value(nullptr),
       storage::Nullable(write.password_hash), now});
  if (!changed.ok()) {
    if (storage::IsUniqueViolation(changed.error(), kEmailConstraint)) return EmailTaken();
    return std::move(changed).error();
  }
  return Ok{};
}

std::vector<int64_t> StaffRepository::LockActiveOwners(Connection& connection) {
  const bool lock = connection.dialect() == storage::Dialect::kPostgres;
  std::vector<int64_t> ids;
  for (const auto& row : connection.Query(lock ? kLockActiveOwners : kActiveOwners)) {
    ids.push_back(row.Int(0));
  }
  return ids;
}

std::optional<std::string> StaffRepository::FirstActiveOwnerEmail(Connection& connection) {
  const auto rows = connection.Query(kFirstActiveOwnerEmail);
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

bool StaffRepository::Delete(Connection& connection, int64_t id) {
  connection.Execute(kUnlinkOrders, {id});
  connection.Execute(kUnlinkQuickLinks, {id});
  return connection.Execute(kDelete, {id}) > 0;
}

int64_t StaffRepository::InsertToken(Connection& connection, const std::string& token_hash,
                                     TokenKind kind, int64_t staff_id,
                                     const std::optional<std::string>& name,
                                     const std::optional<std::string>& csrf_hash,
                                     std::optional<time::Micros> expires_at, time::Micros now) {
  return connection
      .Query(kInsertToken,
             {token_hash, std::string(TokenKindName(kind)), staff_id, storage::Nullable(name),
              storage::Nullable(csrf_hash), now, storage::Nullable(expires_at)})
      .at(0)
      .Int(0);
}

std::optional<std::pair<TokenRecord, StaffUser>> StaffRepository::FindToken(
    Connection& connection, const std::string& token_hash) {
  const auto rows = connection.Query(kFindToken, {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  StaffUser user = FromRow(row);
  TokenRecord token{row.Int(8), user.id, row.Text(9), row.OptionalInt(10), row.OptionalInt(11)};
  return std::make_pair(std::move(token), std::move(user));
}

void StaffRepository::TouchToken(Connection& connection, int64_t token_id, time::Micros at) {
  connection.Execute(kTouchToken, {token_id, at});
}

bool StaffRepository::DeleteToken(Connection& connection, int64_t token_id, int64_t staff_id) {
  return connection.Execute(kDeleteToken, {token_id, staff_id}) > 0;
}

void StaffRepository::DeleteTokensOf(Connection& connection, int64_t staff_id) {
  connection.Execute(kDeleteTokensOf, {staff_id});
}

int64_t StaffRepository::CountFailures(Connection& connection, const std::string& email_key,
                                       time::Micros since) {
  return connection.Query(kCountFailures, {email_key, since}).at(0).Int(0);
}

std::optional<time::Micros> StaffRepository::OldestFailure(Connection& connection,
                                                           const std::string& email_key,
                                                           time::Micros since) {
  return connection.Query(kOldestFailure, {email_key, since}).at(0).OptionalInt(0);
}

int64_t StaffRepository::CountFailuresFromIp(Connection& connection, const std::string& ip,
                                             time::Micros since) {
  return connection.Query(kCountFailuresFromIp, {ip, since}).at(0).Int(0);
}

void StaffRepository::RecordFailure(Connection& connection, const std::string& email_key,
                                    time::Micros at, const std::string& ip) {
  connection.Execute(kInsertFailure, {email_key, at, ip});
  // Keep the table small: rows older than a day can never matter again.
  connection.Execute(kForgetFailures, {at - int64_t{24} * 3600 * 1000000});
}

void StaffRepository::InsertEvent(Connection& connection, int64_t staff_id,
                                  std::string_view staff_name, std::string_view type,
                                  const std::string& data, time::Micros at) {
  connection.Execute(kInsertEvent,
                     {staff_id, std::string(staff_name), std::string(type), data, at});
}

std::vector<StaffEvent> StaffRepository::ListEvents(
    Connection& connection, int64_t staff_id,
    std::optional<std::pair<time::Micros, int64_t>> before, int64_t limit) {
  const auto rows =
      before ? connection.Query(kListEventsBefore, {staff_id, before->first, before->second, limit})
             : connection.Query(kListEvents, {staff_id, limit});
  std::vector<StaffEvent> events;
  for (const auto& row : rows) {
    StaffEvent event;
    event.id = row.Int(0);
    event.staff_id = row.Int(1);
    event.staff_name = row.Text(2);
    event.type = row.Text(3);
    boost::system::error_code error;
    event.data = boost::json::parse(row.Text(4), error);
    if (error || !event.data.is_object()) event.data = boost::json::object();
    event.at = row.Int(5);
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace cartera::staff
