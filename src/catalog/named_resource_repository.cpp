#include "catalog/named_resource_repository.hpp"

#include "common/text.hpp"

namespace cartera::catalog {
namespace {

using storage::Connection;

// One set of statements per kind: the tables have the same columns.
struct Statements {
  std::string_view singular;
  std::string_view list, find, insert, rename, in_use, remove;
  std::string_view name_constraint;
};

constexpr Statements kProductTypes = {
    "product type",
    "SELECT id, name, created_at, updated_at, version FROM product_types ORDER BY name_key, id",
    "SELECT id, name, created_at, updated_at, version FROM product_types WHERE id = $1",
    "INSERT INTO product_types (name, name_key, created_at, updated_at, version) VALUES ($1, $2, "
    "$3, $3, 1) RETURNING id",
    "UPDATE product_types SET name = $2, name_key = $3, updated_at = $4, version = version + 1 "
    "WHERE id = $1",
    "SELECT 1 FROM products WHERE product_type_id = $1 LIMIT 1",
    "DELETE FROM product_types WHERE id = $1",
    "product_types_name_key_key"};

// A warehouse is in use while it holds stock or an order ships from it (orders.warehouse_id).
constexpr Statements kWarehouses = {
    "warehouse",
    "SELECT id, name, created_at, updated_at, version FROM warehouses ORDER BY name_key, id",
    "SELECT id, name, created_at, updated_at, version FROM warehouses WHERE id = $1",
    "INSERT INTO warehouses (name, name_key, created_at, updated_at, version) VALUES ($1, $2, $3, "
    "$3, 1) RETURNING id",
    "UPDATE warehouses SET name = $2, name_key = $3, updated_at = $4, version = version + 1 WHERE "
    "id = $1",
    "SELECT 1 FROM stock WHERE warehouse_id = $1 UNION ALL SELECT 1 FROM orders WHERE "
    "warehouse_id = $1 LIMIT 1",
    "DELETE FROM warehouses WHERE id = $1",
    "warehouses_name_key_key"};

const Statements& Of(NamedResourceKind kind) {
  return kind == NamedResourceKind::kWarehouse ? kWarehouses : kProductTypes;
}

NamedResource FromRow(const storage::Row& row) {
  return NamedResource{row.Int(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4)};
}

Error NameTaken(std::string_view singular) {
  const std::string message = "Another " + std::string(singular) + " has this name.";
  Error error = MakeError(ErrorCode::kAlreadyExists, "name_taken", message);
  error.fields.push_back({"name", "taken", message});
  return error;
}

}  // namespace

std::string_view SingularName(NamedResourceKind kind) { return Of(kind).singular; }

std::vector<NamedResource> NamedResourceRepository::List(Connection& connection) {
  std::vector<NamedResource> items;
  for (const auto& row : connection.Query(Of(kind_).list)) items.push_back(FromRow(row));
  return items;
}

std::optional<NamedResource> NamedResourceRepository::Find(Connection& connection, int64_t id) {
  const auto rows = connection.Query(Of(kind_).find, {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

Result<NamedResource> NamedResourceRepository::Insert(Connection& connection,
                                                      const std::string& name, time::Micros now) {
  const Statements& sql = Of(kind_);
  auto rows = connection.TryQuery(sql.insert, {name, text::Normalise(name), now});
  if (!rows.ok()) {
    if (storage::IsUniqueViolation(rows.error(), sql.name_constraint)) {
      return NameTaken(sql.singular);
    }
    return std::move(rows).error();
  }
  return NamedResource{rows->at(0).Int(0), name, now, now, 1};
}

Status NamedResourceRepository::Rename(Connection& connection, int64_t id, const std::string& name,
                                       time::Micros now) {
  const Statements& sql = Of(kind_);
  auto changed = connection.TryExecute(sql.rename, {id, name, text::Normalise(name), now});
  if (!changed.ok()) {
    if (storage::IsUniqueViolation(changed.error(), sql.name_constraint)) {
      return NameTaken(sql.singular);
    }
    return std::move(changed).error();
  }
  return Ok{};
}

bool NamedResourceRepository::InUse(Connection& connection, int64_t id) {
  return !connection.Query(Of(kind_).in_use, {id}).empty();
}

void NamedResourceRepository::Delete(Connection& connection, int64_t id) {
  connection.Execute(Of(kind_).remove, {id});
}

}  // namespace cartera::catalog
