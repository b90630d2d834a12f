#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

namespace cartera::staff {

struct StaffUser {
  int64_t id = 0;
  std::string email;
  std::string name;
  std::string role;
  bool active = true;
  time::Micros created_at = 0;
  time::Micros updated_at = 0;
  int64_t version = 1;
};

struct TokenRecord {
  int64_t id = 0;
  std::string kind;  // session | api
  int64_t staff_id = 0;
  std::string csrf_hash;
  std::optional<time::Micros> expires_at;
  std::optional<time::Micros> last_used_at;
};

struct StaffChange {
  std::optional<std::string> email, name, role;
  std::optional<bool> active;
  std::optional<std::string> password_hash;
  std::optional<int64_t> expected_version;
};

// SQL for staff users, their sessions and API tokens, and failed sign-in attempts.
class StaffRepository {
 public:
  explicit StaffRepository(storage::Database& database) : database_(database) {}

  int64_t Count();
  std::optional<StaffUser> FindById(int64_t id);
  // The user and its password hash, by normalised email.
  std::optional<std::pair<StaffUser, std::string>> FindForLogin(const std::string& email_key);
  std::vector<StaffUser> List();
  // Errors: kAlreadyExists `email_taken`.
  Result<StaffUser> Create(const std::string& email, const std::string& name,
                           const std::string& role, const std::string& password_hash);
  // Applies `change` in one transaction: checks the expected version, refuses to demote or
  // deactivate the last active owner (owner rows are locked first, so two owners demoting each
  // other cannot both succeed), and ends the user's sessions when it is deactivated or gets a
  // new password. Errors: kNotFound; kFailedPrecondition (stale version); kConflict
  // `last_owner`; kAlreadyExists `email_taken`.
  Result<StaffUser> Update(int64_t id, const StaffChange& change);
  bool Delete(int64_t id);

  int64_t InsertToken(const std::string& token_hash, const std::string& kind, int64_t staff_id,
                      const std::optional<std::string>& name,
                      const std::optional<std::string>& csrf_hash,
                      std::optional<time::Micros> expires_at);
  // The token and its user in one query (every authenticated request runs it).
  std::optional<std::pair<TokenRecord, StaffUser>> FindToken(const std::string& token_hash);
  void TouchToken(int64_t token_id, time::Micros at);
  bool DeleteToken(int64_t token_id, int64_t staff_id);

  int64_t CountFailures(const std::string& email_key, time::Micros since);
  std::optional<time::Micros> OldestFailure(const std::string& email_key, time::Micros since);
  int64_t CountFailuresFromIp(const std::string& ip, time::Micros since);
  void RecordFailure(const std::string& email_key, time::Micros at, const std::string& ip);

 private:
  storage::Database& database_;
};

}  // namespace cartera::staff
