#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/principal.hpp"
#include "common/result.hpp"
#include "staff/auth_service.hpp"
#include "staff/staff_repository.hpp"
#include "storage/database.hpp"

// Staff users (F15): who may create, change and delete whom.
namespace cartera::staff {

struct NewStaffUser {
  std::string email, name;
  StaffRole role = StaffRole::kViewer;
  std::string password;
};

struct StaffChange {
  std::optional<std::string> email, name;
  std::optional<StaffRole> role;
  std::optional<bool> active;
  std::optional<std::string> password;  // plain; hashed here
  std::optional<int64_t> expected_version;
};

class StaffService {
 public:
  StaffService(storage::Database& database, AuthService& auth) : database_(database), auth_(auth) {}

  int64_t Count();
  std::vector<StaffUser> List();
  // Errors: kNotFound.
  Result<StaffUser> Get(int64_t id);
  // Creates a user with a hashed password; only an owner creates an owner (`actor` null: the
  // command line, which may). Errors: kPermissionDenied `forbidden`; kAlreadyExists
  // `email_taken`.
  Result<StaffUser> Create(const Principal* actor, const NewStaffUser& user);
  // Applies `change` in one transaction: only an owner changes an owner or makes one; checks
  // the expected version; refuses to demote or deactivate the last active owner (owner rows are
  // locked first, so two owners demoting each other cannot both succeed); ends the user's
  // sessions when it is deactivated or gets a new password. Errors: kNotFound;
  // kPermissionDenied `forbidden`; kFailedPrecondition (stale version); kConflict `last_owner`;
  // kAlreadyExists `email_taken`.
  Result<StaffUser> Update(const Principal& actor, int64_t id, const StaffChange& change);
  // Errors: kNotFound; kConflict `cannot_delete_self`; kPermissionDenied `forbidden` (an owner,
  // by a non-owner).
  Status Delete(const Principal& actor, int64_t id);

 private:
  storage::Database& database_;
  AuthService& auth_;
  StaffRepository repository_;
};

}  // namespace cartera::staff
