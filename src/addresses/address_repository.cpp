#include "addresses/address_repository.hpp"

#include "common/enum_names.hpp"

namespace cartera::addresses {
namespace {

using storage::Connection;
using storage::Nullable;

constexpr std::string_view kSelect =
    "SELECT id, customer_id, kind, label, line1, line2, city, region, postal_code, country, "
    "is_default, created_at, updated_at, version FROM addresses ";
constexpr std::string_view kWhereId = "WHERE id = $1";
constexpr std::string_view kOfCustomer =
    "WHERE customer_id = $1 ORDER BY is_default DESC, created_at, id";
constexpr std::string_view kDefaults = "WHERE customer_id = $1 AND is_default = 1 AND id <> $2";
constexpr std::string_view kCountOfCustomer =
    "SELECT COUNT(*) FROM addresses WHERE customer_id = $1";
// kInsert and kUpdate share $1 … $10 (Fields).
constexpr std::string_view kInsert =
    "INSERT INTO addresses (kind, label, line1, line2, city, region, postal_code, country, "
    "is_default, updated_at, customer_id, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9, $10, $11, $12, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE addresses SET kind = $1, label = $2, line1 = $3, line2 = $4, city = $5, region = $6, "
    "postal_code = $7, country = $8, is_default = $9, updated_at = $10, version = $11 WHERE id = "
    "$12";
constexpr std::string_view kDelete = "DELETE FROM addresses WHERE id = $1";
constexpr std::string_view kDeleteForCustomer = "DELETE FROM addresses WHERE customer_id = $1";

Address FromRow(const storage::Row& row) {
  return Address{
      row.Int(0),          row.Int(1),          ParseKind(row.Text(2)).value_or(Kind::kBoth),
      row.OptionalText(3), row.Text(4),         row.OptionalText(5),
      row.Text(6),         row.OptionalText(7), row.OptionalText(8),
      row.Text(9),         row.Bool(10),        row.Int(11),
      row.Int(12),         row.Int(13)};
}

std::vector<Address> Select(Connection& connection, std::string_view where,
                            const storage::Params& params) {
  std::vector<Address> addresses;
  for (const auto& row : connection.Query(std::string(kSelect) + std::string(where), params)) {
    addresses.push_back(FromRow(row));
  }
  return addresses;
}

// $1 … $10 of kInsert and kUpdate.
storage::Params Fields(const Address& a) {
  return {std::string(Name(a.kind)),
          Nullable(a.label),
          a.line1,
          Nullable(a.line2),
          a.city,
          Nullable(a.region),
          Nullable(a.postal_code),
          a.country,
          int64_t{a.is_default ? 1 : 0},
          a.updated_at};
}

}  // namespace

std::string_view Name(Kind kind) { return NameIn(kKinds, kind); }
std::optional<Kind> ParseKind(std::string_view name) { return ParseIn<Kind>(kKinds, name); }

std::optional<Address> AddressRepository::Find(Connection& connection, int64_t id) {
  auto found = Select(connection, kWhereId, {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Address> AddressRepository::ListOfCustomer(Connection& connection,
                                                       int64_t customer_id) {
  return Select(connection, kOfCustomer, {customer_id});
}

int64_t AddressRepository::CountOfCustomer(Connection& connection, int64_t customer_id) {
  return connection.Query(kCountOfCustomer, {customer_id}).at(0).Int(0);
}

std::vector<Address> AddressRepository::Defaults(Connection& connection, int64_t customer_id,
                                                 int64_t except) {
  return Select(connection, kDefaults, {customer_id, except});
}

int64_t AddressRepository::Insert(Connection& connection, const Address& address) {
  storage::Params params = Fields(address);
  params.insert(params.end(), {address.customer_id, address.created_at});
  return connection.Query(kInsert, params).at(0).Int(0);
}

void AddressRepository::Update(Connection& connection, const Address& address) {
  storage::Params params = Fields(address);
  params.insert(params.end(), {address.version, address.id});
  connection.Execute(kUpdate, params);
}

bool AddressRepository::Delete(Connection& connection, int64_t id) {
  return connection.Execute(kDelete, {id}) > 0;
}

void AddressRepository::DeleteForCustomer(Connection& connection, int64_t customer_id) {
  connection.Execute(kDeleteForCustomer, {customer_id});
}

}  // namespace cartera::addresses
