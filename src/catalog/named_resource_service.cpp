#include "catalog/named_resource_service.hpp"

#include "common/version.hpp"

namespace cartera::catalog {

Error NamedResourceService::Missing() const {
  return NotFound(std::string(SingularName(repository_.kind())));
}

std::vector<NamedResource> NamedResourceService::List() {
  auto connection = database_.Acquire();
  return repository_.List(*connection);
}

Result<NamedResource> NamedResourceService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto found = repository_.Find(*connection, id);
  if (!found) return Missing();
  return std::move(*found);
}

Result<NamedResource> NamedResourceService::Create(const std::string& name) {
  auto connection = database_.Acquire();
  return repository_.Insert(*connection, name, time::Now());
}

Result<NamedResource> NamedResourceService::Rename(int64_t id, const std::string& name,
                                                   std::optional<int64_t> expected_version) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<NamedResource> {
    const auto current = repository_.Find(connection, id);
    if (!current) return Missing();
    TRY(CheckVersion(expected_version, current->version));
    TRY(repository_.Rename(connection, id, name, time::Now()));
    return *repository_.Find(connection, id);
  });
}

Status NamedResourceService::Delete(int64_t id) {
  return database_.InTransaction([&](storage::Connection& connection) -> Status {
    if (!repository_.Find(connection, id)) return Missing();
    if (repository_.InUse(connection, id)) {
      return MakeError(ErrorCode::kConflict, "in_use",
                       "This " + std::string(SingularName(repository_.kind())) +
                           " is in use and cannot be deleted.");
    }
    repository_.Delete(connection, id);
    return Ok{};
  });
}

}  // namespace cartera::catalog
