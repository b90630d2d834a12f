#include "addresses/address_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "customers/customer_changes.hpp"

namespace cartera::addresses {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Nullable;

constexpr std::string_view kColumns =
    "id, customer_id, kind, label, line1, line2, city, region, postal_code, country, is_default, "
    "created_at, updated_at, version";

Address FromRow(const storage::Row& row) {
  return Address{row.Int(0),          row.Int(1),          row.Text(2),  row.OptionalText(3),
                 row.Text(4),         row.OptionalText(5), row.Text(6),  row.OptionalText(7),
                 row.OptionalText(8), row.Text(9),         row.Bool(10), row.Int(11),
                 row.Int(12),         row.Int(13)};
}

std::optional<Address> FindIn(Connection& connection, int64_t id) {
  const auto rows =
      connection.Query("SELECT " + std::string(kColumns) + " FROM addresses WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

bool CustomerExists(Connection& connection, int64_t id) {
  return !connection.Query("SELECT 1 FROM customers WHERE id = $1", {id}).empty();
}

json::value OrNull(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// The fields a person edits, as the history shows them.
json::object Fields(const Address& a) {
  return {{"kind", a.kind},
          {"label", OrNull(a.label)},
          {"line1", a.line1},
          {"line2", OrNull(a.line2)},
          {"city", a.city},
          {"region", OrNull(a.region)},
          {"postal_code", OrNull(a.postal_code)},
          {"country", a.country},
          {"is_default", a.is_default}};
}

// Field-level changes from `before` to `after` (either may be absent: added, deleted).
json::array Changes(const Address* before, const Address* after) {
  return customers::DiffFields(before ? Fields(*before) : json::object{},
                               after ? Fields(*after) : json::object{});
}

void Record(Connection& connection, const Address& address, std::string_view type,
            const history::EventActor& actor, json::array changes, time::Micros at) {
  history::RecordEvent(connection, address.customer_id, std::nullopt, type, actor,
                       {{"address_id", std::to_string(address.id)},
                        {"label", OrNull(address.label)},
                        {"changes", std::move(changes)}},
                       at);
}

// The customer's defaults that share a purpose with `kind`, but `except`.
std::vector<Address> RivalDefaults(Connection& connection, int64_t customer_id,
                                   std::string_view kind, int64_t except) {
  std::vector<Address> rivals;
  for (const auto& row : connection.Query(
           "SELECT " + std::string(kColumns) +
               " FROM addresses WHERE customer_id = $1 AND is_default = 1 AND id <> $2",
           {customer_id, except})) {
    Address address = FromRow(row);
    if (SharePurpose(address.kind, kind)) rivals.push_back(std::move(address));
  }
  return rivals;
}

// Takes the default away from the addresses that `kind` now serves as the default for (one
// default per purpose); each loses it in a recorded change. Runs before the winner is written,
// so the partial unique indexes never see two defaults.
void ClearRivals(Connection& connection, int64_t customer_id, std::string_view kind, int64_t except,
                 const history::EventActor& actor, time::Micros now) {
  for (Address rival : RivalDefaults(connection, customer_id, kind, except)) {
    const Address before = rival;
    rival.is_default = false;
    rival.updated_at = now;
    rival.version += 1;
    connection.Execute(
        "UPDATE addresses SET is_default = 0, updated_at = $1, version = $2 WHERE id = $3",
        {now, rival.version, rival.id});
    Record(connection, rival, "address_updated", actor, Changes(&before, &rival), now);
  }
}

Error Stale() {
  return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                   "This address changed since you read it; reload it.");
}

}  // namespace

bool ServesShipping(std::string_view kind) { return kind == "shipping" || kind == "both"; }
bool ServesBilling(std::string_view kind) { return kind == "billing" || kind == "both"; }
bool SharePurpose(std::string_view a, std::string_view b) {
  return (ServesShipping(a) && ServesShipping(b)) || (ServesBilling(a) && ServesBilling(b));
}

std::optional<Address> FindOfCustomer(Connection& connection, int64_t customer_id, int64_t id) {
  auto address = FindIn(connection, id);
  if (!address || address->customer_id != customer_id) return std::nullopt;
  return address;
}

Result<std::vector<Address>> AddressService::List(int64_t customer_id) {
  auto connection = database_.Acquire();
  if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
  std::vector<Address> items;
  for (const auto& row : connection->Query(
           "SELECT " + std::string(kColumns) +
               " FROM addresses WHERE customer_id = $1 ORDER BY is_default DESC, created_at, id",
           {customer_id})) {
    items.push_back(FromRow(row));
  }
  return items;
}

std::optional<Address> AddressService::Find(int64_t id) {
  auto connection = database_.Acquire();
  return FindIn(*connection, id);
}

Result<Address> AddressService::Create(int64_t customer_id, const AddressInput& input,
                                       const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Result<Address> {
    // Address writes of one customer take turns (PostgreSQL): the count and the defaults they
    // read stay true until they commit.
    storage::LockRow(connection, "customers", customer_id);
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    const int64_t count =
        connection.Query("SELECT COUNT(*) FROM addresses WHERE customer_id = $1", {customer_id})
            .at(0)
            .Int(0);
    if (count >= kMaxPerCustomer) {
      return ValidationError({{"addresses", "too_many",
                               "A customer has at most " + std::to_string(kMaxPerCustomer) +
                                   " addresses; delete one first."}});
    }
    Address address;
    address.customer_id = customer_id;
    address.kind = input.kind.value_or("both");
    address.label = input.label.value_or(std::nullopt);
    address.line1 = input.line1.value_or("");
    address.line2 = input.line2.value_or(std::nullopt);
    address.city = input.city.value_or("");
    address.region = input.region.value_or(std::nullopt);
    address.postal_code = input.postal_code.value_or(std::nullopt);
    address.country = input.country.value_or("");
    address.created_at = address.updated_at = time::Now();
    // Not said: the default when no address serving one of its purposes is a default yet.
    address.is_default =
        input.is_default.value_or(RivalDefaults(connection, customer_id, address.kind, 0).empty());
    if (address.is_default) {
      ClearRivals(connection, customer_id, address.kind, 0, actor, address.created_at);
    }
    address.id =
        connection
            .Query(
                "INSERT INTO addresses (customer_id, kind, label, line1, line2, city, region, "
                "postal_code, country, is_default, created_at, updated_at, version) VALUES ($1, "
                "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1) RETURNING id",
                {customer_id, address.kind, Nullable(address.label), address.line1,
                 Nullable(address.line2), address.city, Nullable(address.region),
                 Nullable(address.postal_code), address.country,
                 int64_t{address.is_default ? 1 : 0}, address.created_at, address.updated_at})
            .at(0)
            .Int(0);
    Record(connection, address, "address_added", actor, Changes(nullptr, &address),
           address.created_at);
    return address;
  });
}

Result<Address> AddressService::Update(int64_t id, const AddressInput& input,
                                       std::optional<int64_t> version,
                                       const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Result<Address> {
    const auto found = FindIn(connection, id);
    if (!found) return NotFound("address");
    storage::LockRow(connection, "customers", found->customer_id);
    auto current = FindIn(connection, id);  // as it is now that this customer's turn came
    if (!current) return NotFound("address");
    if (version && *version != current->version) return Stale();
    Address changed = *current;
    if (input.kind) changed.kind = *input.kind;
    if (input.label) changed.label = *input.label;
    if (input.line1) changed.line1 = *input.line1;
    if (input.line2) changed.line2 = *input.line2;
    if (input.city) changed.city = *input.city;
    if (input.region) changed.region = *input.region;
    if (input.postal_code) changed.postal_code = *input.postal_code;
    if (input.country) changed.country = *input.country;
    if (input.is_default) changed.is_default = *input.is_default;
    json::array changes = Changes(&*current, &changed);
    if (changes.empty()) return *current;
    changed.updated_at = time::Now();
    changed.version = current->version + 1;
    // Becoming the default, or a default that now serves another purpose, takes that purpose's
    // default from the other addresses.
    if (changed.is_default && (!current->is_default || changed.kind != current->kind)) {
      ClearRivals(connection, changed.customer_id, changed.kind, id, actor, changed.updated_at);
    }
    connection.Execute(
        "UPDATE addresses SET kind = $1, label = $2, line1 = $3, line2 = $4, city = $5, region = "
        "$6, postal_code = $7, country = $8, is_default = $9, updated_at = $10, version = $11 "
        "WHERE id = $12",
        {changed.kind, Nullable(changed.label), changed.line1, Nullable(changed.line2),
         changed.city, Nullable(changed.region), Nullable(changed.postal_code), changed.country,
         int64_t{changed.is_default ? 1 : 0}, changed.updated_at, changed.version, id});
    Record(connection, changed, "address_updated", actor, std::move(changes), changed.updated_at);
    return changed;
  });
}

Status AddressService::Delete(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    const auto found = FindIn(connection, id);
    if (!found) return NotFound("address");
    storage::LockRow(connection, "customers", found->customer_id);
    const auto address = FindIn(connection, id);  // as it is now that this customer's turn came
    if (!address) return NotFound("address");
    connection.Execute("DELETE FROM addresses WHERE id = $1", {id});
    Record(connection, *address, "address_deleted", actor, Changes(&*address, nullptr),
           time::Now());
    return Ok{};
  });
}

}  // namespace cartera::addresses
