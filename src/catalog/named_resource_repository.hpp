#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

// Product types and warehouses: resources that are a unique name, with the same rules.
namespace cartera::catalog {

struct NamedResource {
  int64_t id = 0;
  std::string name;
  time::Micros created_at = 0;
  time::Micros updated_at = 0;
  int64_t version = 1;
};

enum class NamedResourceKind { kProductType, kWarehouse };
// "product type", "warehouse": for messages.
std::string_view SingularName(NamedResourceKind kind);

// Every statement on one kind's table (product_types or warehouses). Names are unique ignoring
// case and accents. Runs on a connection the caller holds.
class NamedResourceRepository {
 public:
  explicit NamedResourceRepository(NamedResourceKind kind) : kind_(kind) {}

  NamedResourceKind kind() const { return kind_; }
  // By name.
  std::vector<NamedResource> List(storage::Connection& connection);
  std::optional<NamedResource> Find(storage::Connection& connection, int64_t id);
  // Errors: kAlreadyExists `name_taken`.
  Result<NamedResource> Insert(storage::Connection& connection, const std::string& name,
                               time::Micros now);
  // Renames and bumps the version. Errors: kAlreadyExists `name_taken`.
  Status Rename(storage::Connection& connection, int64_t id, const std::string& name,
                time::Micros now);
  // Whether anything refers to row `id` (products of a type; stock or orders of a warehouse).
  bool InUse(storage::Connection& connection, int64_t id);
  void Delete(storage::Connection& connection, int64_t id);

 private:
  NamedResourceKind kind_;
};

}  // namespace cartera::catalog
