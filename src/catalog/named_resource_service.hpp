#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/named_resource_repository.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

// The rules of product types and warehouses (F17).
namespace cartera::catalog {

class NamedResourceService {
 public:
  NamedResourceService(storage::Database& database, NamedResourceKind kind)
      : database_(database), repository_(kind) {}

  NamedResourceKind kind() const { return repository_.kind(); }
  std::vector<NamedResource> List();
  // Errors: kNotFound.
  Result<NamedResource> Get(int64_t id);
  // Errors: kAlreadyExists `name_taken`.
  Result<NamedResource> Create(const std::string& name);
  // Errors: kNotFound; kFailedPrecondition (stale); kAlreadyExists `name_taken`.
  Result<NamedResource> Rename(int64_t id, const std::string& name,
                               std::optional<int64_t> expected_version);
  // Errors: kNotFound; kConflict `in_use`.
  Status Delete(int64_t id);

 private:
  Error Missing() const;

  storage::Database& database_;
  NamedResourceRepository repository_;
};

}  // namespace cartera::catalog
