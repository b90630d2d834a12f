#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/principal.hpp"
#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

namespace cartera::staff {

struct StaffUser {
  int64_t id = 0;
  std::string email;
  std::string name;
  StaffRole role = StaffRole::kViewer;
  bool active = true;
  time::Micros created_at = 0;
  time::Micros updated_at = 0;
  int64_t version = 1;
};

enum class TokenKind { kSession, kApi };
std::string_view TokenKindName(TokenKind kind);

struct TokenRecord {
  int64_t id = 0;
  int64_t staff_id = 0;
  std::string csrf_hash;
  std::optional<time::Micros> expires_at;
  std::optional<time::Micros> last_used_at;
};

// The columns of one UPDATE of a staff user; absent fields keep their value.
struct StaffWrite {
  std::optional<std::string> email, name;
  std::optional<StaffRole> role;
  std::optional<bool> active;
  std::optional<std::string> password_hash;
};

// A row of staff_events (F40: exports, imports, deletions).
struct StaffEvent {
  int64_t id = 0;
  int64_t staff_id = 0;
  std::string staff_name;
  std::string type;
  boost::json::value data;
  time::Micros at = 0;
};

// Every statement on staff_users, auth_tokens, login_failures and staff_events. Runs on a
// connection the caller holds.
class StaffRepository {
 public:
  int64_t Count(storage::Connection& connection);
  std::optional<StaffUser> FindById(storage::Connection& connection, int64_t id);
  // The user and its password hash, by normalised email.
  std::optional<std::pair<StaffUser, std::string>> FindForLogin(storage::Connection& connection,
                                                                const std::string& email_key);
  std::vector<StaffUser> List(storage::Connection& connection);
  // Errors: kAlreadyExists `email_taken`.
  Result<StaffUser> Insert(storage::Connection& connection, const std::string& email,
                           const std::string& name, StaffRole role,
                           const std::string& password_hash, time::Micros now);
  // Writes the fields present in `write` and bumps the version. Errors: kAlreadyExists
  // `email_taken`.
  Status Update(storage::Connection& connection, int64_t id, const StaffWrite& write,
                time::Micros now);
  // The ids of the active owners; on PostgreSQL their rows stay locked until the commit
  // (SQLite's BEGIN IMMEDIATE already serialises writers).
  std::vector<int64_t> LockActiveOwners(storage::Connection& connection);
  // The email of the first active owner.
  std::optional<std::string> FirstActiveOwnerEmail(storage::Connection& connection);
  // Deletes the user. What the user entered stays; it just no longer names them: this writes
  // orders.created_by and quick_links.created_by to NULL (their foreign keys have no ON DELETE
  // SET NULL). Returns whether a row was deleted.
  bool Delete(storage::Connection& connection, int64_t id);

  int64_t InsertToken(storage::Connection& connection, const std::string& token_hash,
                      TokenKind kind, int64_t staff_id, const std::optional<std::string>& name,
                      const std::optional<std::string>& csrf_hash,
                      std::optional<time::Micros> expires_at, time::Micros now);
  // The token and its user in one query (every authenticated request runs it).
  std::optional<std::pair<TokenRecord, StaffUser>> FindToken(storage::Connection& connection,
                                                             const std::string& token_hash);
  void TouchToken(storage::Connection& connection, int64_t token_id, time::Micros at);
  bool DeleteToken(storage::Connection& connection, int64_t token_id, int64_t staff_id);
  void DeleteTokensOf(storage::Connection& connection, int64_t staff_id);

  int64_t CountFailures(storage::Connection& connection, const std::string& email_key,
                        time::Micros since);
  std::optional<time::Micros> OldestFailure(storage::Connection& connection,
                                            const std::string& email_key, time::Micros since);
  int64_t CountFailuresFromIp(storage::Connection& connection, const std::string& ip,
                              time::Micros since);
  // Records a failure and forgets those older than a day.
  void RecordFailure(storage::Connection& connection, const std::string& email_key, time::Micros at,
                     const std::string& ip);

  void InsertEvent(storage::Connection& connection, int64_t staff_id, std::string_view staff_name,
                   std::string_view type, const std::string& data, time::Micros at);
  // Events of `staff_id` newest first, up to `limit`, after (`before_at`, `before_id`) when set.
  std::vector<StaffEvent> ListEvents(storage::Connection& connection, int64_t staff_id,
                                     std::optional<std::pair<time::Micros, int64_t>> before,
                                     int64_t limit);
};

}  // namespace cartera::staff
