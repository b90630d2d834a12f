#include "staff/staff_service.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/version.hpp"

namespace cartera::staff {
namespace {

Error Forbidden(std::string message) {
  return MakeError(ErrorCode::kPermissionDenied, "forbidden", std::move(message));
}

bool IsOwner(const Principal& principal) { return principal.role == StaffRole::kOwner; }

}  // namespace

int64_t StaffService::Count() {
  auto connection = database_.Acquire();
  return repository_.Count(*connection);
}

std::vector<StaffUser> StaffService::List() {
  auto connection = database_.Acquire();
  return repository_.List(*connection);
}

Result<StaffUser> StaffService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto user = repository_.FindById(*connection, id);
  if (!user) return NotFound("staff user");
  return std::move(*user);
}

Result<StaffUser> StaffService::Create(const Principal* actor, const NewStaffUser& user) {
  if (actor && user.role == StaffRole::kOwner && !IsOwner(*actor)) {
    return Forbidden("Only an owner can create another owner.");
  }
  const std::string password_hash = crypto::HashPassword(user.password);
  auto connection = database_.Acquire();
  return repository_.Insert(*connection, user.email, user.name, user.role, password_hash,
                            time::Now());
}

Result<StaffUser> StaffService::Update(const Principal& actor, int64_t id,
                                       const StaffChange& change) {
  StaffWrite write{change.email, change.name, change.role, change.active, std::nullopt};
  if (change.password) write.password_hash = crypto::HashPassword(*change.password);
  auto updated = database_.InTransaction([&](storage::Connection& connection) -> Result<StaffUser> {
    const auto current = repository_.FindById(connection, id);
    if (!current) return NotFound("staff user");
    const bool touches_owner =
        current->role == StaffRole::kOwner || change.role == StaffRole::kOwner;
    if (touches_owner && !IsOwner(actor)) return Forbidden("Only an owner can change an owner.");
    if (change.expected_version && *change.expected_version != current->version) {
      return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                       "This staff user changed since you read it; reload it.");
    }
    const bool demotes_owner =
        current->role == StaffRole::kOwner && current->active &&
        ((change.role && *change.role != StaffRole::kOwner) || (change.active && !*change.active));
    if (demotes_owner) {
      const auto owners = repository_.LockActiveOwners(connection);
      if (std::none_of(owners.begin(), owners.end(), [id](int64_t owner) { return owner != id; })) {
        return MakeError(ErrorCode::kConflict, "last_owner",
                         "The last active owner cannot be demoted or deactivated.");
      }
    }
    TRY(repository_.Update(connection, id, write, time::Now()));
    if ((change.active && !*change.active) || write.password_hash) {
      repository_.DeleteTokensOf(connection, id);
    }
    return *repository_.FindById(connection, id);
  });
  if (updated.ok()) auth_.InvalidateCache();
  return updated;
}

Status StaffService::Delete(const Principal& actor, int64_t id) {
  auto deleted = database_.InTransaction([&](storage::Connection& connection) -> Status {
    const auto current = repository_.FindById(connection, id);
    if (!current) return NotFound("staff user");
    if (current->id == actor.id) {
      return MakeError(ErrorCode::kConflict, "cannot_delete_self",
                       "You cannot delete your own account.");
    }
    if (current->role == StaffRole::kOwner && !IsOwner(actor)) {
      return Forbidden("Only an owner can delete an owner.");
    }
    repository_.Delete(connection, id);
    return Ok{};
  });
  if (deleted.ok()) auth_.InvalidateCache();
  return deleted;
}

}  // namespace cartera::staff
