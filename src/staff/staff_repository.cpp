#include "staff/staff_repository.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace cartera::staff {
namespace {

constexpr std::string_view kColumns =
    "id, email, name, role, active, created_at, updated_at, version";

StaffUser FromRow(const storage::Row& row) {
  return StaffUser{row.Int(0),  row.Text(1), row.Text(2), row.Text(3),
                   row.Bool(4), row.Int(5),  row.Int(6),  row.Int(7)};
}

Error EmailTaken() {
  return MakeError(ErrorCode::kAlreadyExists, "email_taken", "Another staff user has this email.");
}

}  // namespace

int64_t StaffRepository::Count() {
  auto connection = database_.Acquire();
  return connection->Query("SELECT COUNT(*) FROM staff_users").at(0).Int(0);
}

std::optional<StaffUser> StaffRepository::FindById(int64_t id) {
  auto connection = database_.Acquire();
  const auto rows = connection->Query(
      std::string("SELECT ") + std::string(kColumns) + " FROM staff_users WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::optional<std::pair<StaffUser, std::string>> StaffRepository::FindForLogin(
    const std::string& email_key) {
  auto connection = database_.Acquire();
  const auto rows = connection->Query(std::string("SELECT ") + std::string(kColumns) +
                                          ", password_hash FROM staff_users WHERE email_key = $1",
                                      {email_key});
  if (rows.empty()) return std::nullopt;
  return std::make_pair(FromRow(rows[0]), rows[0].Text(8));
}

std::vector<StaffUser> StaffRepository::List() {
  auto connection = database_.Acquire();
  std::vector<StaffUser> users;
  for (const auto& row : connection->Query(std::string("SELECT ") + std::string(kColumns) +
                                           " FROM staff_users ORDER BY id")) {
    users.push_back(FromRow(row));
  }
  return users;
}

Result<StaffUser> StaffRepository::Create(const std::string& email, const std::string& name,
                                          const std::string& role,
                                          const std::string& password_hash) {
  const time::Micros now = time::Now();
  auto connection = database_.Acquire();
  try {
    const auto rows = connection->Query(
        "INSERT INTO staff_users (email, email_key, name, role, password_hash, active, "
        "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, 1) "
        "RETURNING id",
        {email, text::Normalise(email), name, role, password_hash, now});
    return StaffUser{rows.at(0).Int(0), email, name, role, true, now, now, 1};
  } catch (const storage::UniqueViolation&) {
    return EmailTaken();
  }
}

Result<StaffUser> StaffRepository::Update(int64_t id, const StaffChange& change) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<StaffUser> {
    const auto rows = connection.Query(
        std::string("SELECT ") + std::string(kColumns) + " FROM staff_users WHERE id = $1", {id});
    if (rows.empty()) return NotFound("staff user");
    const StaffUser current = FromRow(rows[0]);
    if (change.expected_version && *change.expected_version != current.version) {
      return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                       "This staff user changed since you read it; reload it.");
    }
    const bool demotes_owner =
        current.role == "owner" && current.active &&
        ((change.role && *change.role != "owner") || (change.active && !*change.active));
    if (demotes_owner) {
      // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs the row locks.
      const std::string lock =
          database_.dialect() == storage::Dialect::kPostgres ? " ORDER BY id FOR UPDATE" : "";
      const auto owners =
          connection.Query("SELECT id FROM staff_users WHERE role = 'owner' AND active = 1" + lock);
      const auto others = std::count_if(owners.begin(), owners.end(),
                                        [id](const storage::Row& row) { return row.Int(0) != id; });
      if (others == 0) {
        return MakeError(ErrorCode::kConflict, "last_owner",
                         "The last active owner cannot be demoted or deactivated.");
      }
    }
    try {
      connection.Execute(
          "UPDATE staff_users SET email = COALESCE($2, email), email_key = COALESCE($3, "
          "email_key), name = COALESCE($4, name), role = COALESCE($5, role), active = "
          "COALESCE($6, active), password_hash = COALESCE($7, password_hash), updated_at = $8, "
          "version = version + 1 WHERE id = $1",
          {id, storage::Nullable(change.email),
           change.email ? storage::Value(text::Normalise(*change.email)) : storage::Value(nullptr),
           storage::Nullable(change.name), storage::Nullable(change.role),
           change.active ? storage::Value(int64_t{*change.active ? 1 : 0})
                         : storage::Value(nullptr),
           storage::Nullable(change.password_hash), time::Now()});
    } catch (const storage::UniqueViolation&) {
      return EmailTaken();
    }
    if ((change.active && !*change.active) || change.password_hash) {
      connection.Execute("DELETE FROM auth_tokens WHERE staff_id = $1", {id});
    }
    const auto updated = connection.Query(
        std::string("SELECT ") + std::string(kColumns) + " FROM staff_users WHERE id = $1", {id});
    return FromRow(updated.at(0));
  });
}

bool StaffRepository::Delete(int64_t id) {
  // What the user entered stays; it just no longer names them (the events keep their name).
  auto deleted = database_.InTransaction([&](storage::Connection& connection) -> Result<bool> {
    connection.Execute("UPDATE orders SET created_by = NULL WHERE created_by = $1", {id});
    connection.Execute("UPDATE quick_links SET created_by = NULL WHERE created_by = $1", {id});
    return connection.Execute("DELETE FROM staff_users WHERE id = $1", {id}) > 0;
  });
  return deleted.ok() && *deleted;
}

int64_t StaffRepository::InsertToken(const std::string& token_hash, const std::string& kind,
                                     int64_t staff_id, const std::optional<std::string>& name,
                                     const std::optional<std::string>& csrf_hash,
                                     std::optional<time::Micros> expires_at) {
  auto connection = database_.Acquire();
  return connection
      ->Query(
          "INSERT INTO auth_tokens (token_hash, kind, staff_id, name, csrf_hash, created_at, "
          "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {token_hash, kind, staff_id, storage::Nullable(name), storage::Nullable(csrf_hash),
           time::Now(), storage::Nullable(expires_at)})
      .at(0)
      .Int(0);
}

std::optional<std::pair<TokenRecord, StaffUser>> StaffRepository::FindToken(
    const std::string& token_hash) {
  auto connection = database_.Acquire();
  const auto rows = connection->Query(
      "SELECT u.id, u.email, u.name, u.role, u.active, u.created_at, u.updated_at, u.version, "
      "t.id, t.kind, COALESCE(t.csrf_hash, ''), t.expires_at, t.last_used_at "
      "FROM auth_tokens t JOIN staff_users u ON u.id = t.staff_id WHERE t.token_hash = $1",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  StaffUser user = FromRow(row);
  TokenRecord token{row.Int(8),   row.Text(9),         user.id,
                    row.Text(10), row.OptionalInt(11), row.OptionalInt(12)};
  return std::make_pair(std::move(token), std::move(user));
}

void StaffRepository::TouchToken(int64_t token_id, time::Micros at) {
  auto connection = database_.Acquire();
  connection->Execute("UPDATE auth_tokens SET last_used_at = $2 WHERE id = $1", {token_id, at});
}

bool StaffRepository::DeleteToken(int64_t token_id, int64_t staff_id) {
  auto connection = database_.Acquire();
  return connection->Execute("DELETE FROM auth_tokens WHERE id = $1 AND staff_id = $2",
                             {token_id, staff_id}) > 0;
}

int64_t StaffRepository::CountFailures(const std::string& email_key, time::Micros since) {
  auto connection = database_.Acquire();
  return connection
      ->Query("SELECT COUNT(*) FROM login_failures WHERE email_key = $1 AND at > $2",
              {email_key, since})
      .at(0)
      .Int(0);
}

std::optional<time::Micros> StaffRepository::OldestFailure(const std::string& email_key,
                                                           time::Micros since) {
  auto connection = database_.Acquire();
  return connection
      ->Query("SELECT MIN(at) FROM login_failures WHERE email_key = $1 AND at > $2",
              {email_key, since})
      .at(0)
      .OptionalInt(0);
}

int64_t StaffRepository::CountFailuresFromIp(const std::string& ip, time::Micros since) {
  auto connection = database_.Acquire();
  return connection
      ->Query("SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at > $2", {ip, since})
      .at(0)
      .Int(0);
}

void StaffRepository::RecordFailure(const std::string& email_key, time::Micros at,
                                    const std::string& ip) {
  auto connection = database_.Acquire();
  connection->Execute("INSERT INTO login_failures (email_key, at, ip) VALUES ($1, $2, $3)",
                      {email_key, at, ip});
  // Keep the table small: rows older than a day can never matter again.
  connection->Execute("DELETE FROM login_failures WHERE at < $1",
                      {at - int64_t{24} * 3600 * 1000000});
}

}  // namespace cartera::staff
