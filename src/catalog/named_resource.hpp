#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "http/router.hpp"
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

struct NamedResourceKind {
  std::string table;     // "product_types"
  std::string path;      // "/api/v1/product-types"
  std::string singular;  // "product type", for messages
  // A query with $1 = the id that finds one row using the resource; a hit refuses DELETE.
  std::string in_use_query;
};

// SQL for one kind of named resource. Names are unique ignoring case and accents.
class NamedResourceRepository {
 public:
  NamedResourceRepository(storage::Database& database, NamedResourceKind kind)
      : database_(database), kind_(std::move(kind)) {}

  const NamedResourceKind& kind() const { return kind_; }
  std::vector<NamedResource> List();
  std::optional<NamedResource> Find(int64_t id);
  // Errors: kAlreadyExists `name_taken`.
  Result<NamedResource> Create(const std::string& name);
  // Errors: kNotFound; kFailedPrecondition (stale); kAlreadyExists `name_taken`.
  Result<NamedResource> Rename(int64_t id, const std::string& name,
                               std::optional<int64_t> expected_version);
  // Errors: kNotFound; kConflict `in_use`.
  Status Delete(int64_t id);

 private:
  storage::Database& database_;
  NamedResourceKind kind_;
};

// GET/POST {path}, PATCH/DELETE {path}/{id}.
void RegisterNamedResourceRoutes(http::Router& router, NamedResourceRepository& repository);

}  // namespace cartera::catalog
