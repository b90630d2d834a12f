#include "addresses/address_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "common/version.hpp"
#include "customers/customer_changes.hpp"
#include "customers/customer_repository.hpp"

namespace cartera::addresses {
namespace {

namespace json = boost::json;
using storage::Connection;

bool CustomerExists(Connection& connection, int64_t id) {
  return customers::CustomerRepository{}.FindById(connection, id).has_value();
}

json::value OrNull(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// The fields a person edits, as the history shows them.
json::object Fields(const Address& a) {
  return {{"kind", Name(a.kind)},
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
std::vector<Address> RivalDefaults(Connection& connection, int64_t customer_id, Kind kind,
                                   int64_t except) {
  std::vector<Address> rivals;
  for (Address& address : AddressRepository{}.Defaults(connection, customer_id, except)) {
    if (SharePurpose(address.kind, kind)) rivals.push_back(std::move(address));
  }
  return rivals;
}

// Takes the default away from the addresses that `kind` now serves as the default for (one
// default per purpose); each loses it in a recorded change. Runs before the winner is written,
// so the partial unique indexes never see two defaults.
void ClearRivals(Connection& connection, int64_t customer_id, Kind kind, int64_t except,
                 const history::EventActor& actor, time::Micros now) {
  for (Address rival : RivalDefaults(connection, customer_id, kind, except)) {
    const Address before = rival;
    rival.is_default = false;
    rival.updated_at = now;
    rival.version += 1;
    AddressRepository{}.Update(connection, rival);
    Record(connection, rival, "address_updated", actor, Changes(&before, &rival), now);
  }
}

}  // namespace

bool ServesShipping(Kind kind) { return kind == Kind::kShipping || kind == Kind::kBoth; }
bool ServesBilling(Kind kind) { return kind == Kind::kBilling || kind == Kind::kBoth; }
bool SharePurpose(Kind a, Kind b) {
  return (ServesShipping(a) && ServesShipping(b)) || (ServesBilling(a) && ServesBilling(b));
}

std::optional<Address> FindOfCustomer(Connection& connection, int64_t customer_id, int64_t id) {
  auto address = AddressRepository{}.Find(connection, id);
  if (!address || address->customer_id != customer_id) return std::nullopt;
  return address;
}

Result<std::vector<Address>> AddressService::List(int64_t customer_id) {
  auto connection = database_.Acquire();
  if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
  return addresses_.ListOfCustomer(*connection, customer_id);
}

Result<Address> AddressService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto address = addresses_.Find(*connection, id);
  if (!address) return NotFound("address");
  return std::move(*address);
}

Result<Address> AddressService::Create(int64_t customer_id, const AddressInput& input,
                                       const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Result<Address> {
    // Address writes of one customer take turns (PostgreSQL): the count and the defaults they
    // read stay true until they commit.
    storage::LockRow(connection, "customers", customer_id);
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    if (addresses_.CountOfCustomer(connection, customer_id) >= kMaxPerCustomer) {
      return ValidationError({{"addresses", "too_many",
                               "A customer has at most " + std::to_string(kMaxPerCustomer) +
                                   " addresses; delete one first."}});
    }
    Address address;
    address.customer_id = customer_id;
    address.kind = input.kind.value_or(Kind::kBoth);
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
    address.id = addresses_.Insert(connection, address);
    Record(connection, address, "address_added", actor, Changes(nullptr, &address),
           address.created_at);
    return address;
  });
}

Result<Address> AddressService::Update(int64_t id, const AddressInput& input,
                                       std::optional<int64_t> version,
                                       const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Result<Address> {
    const auto found = addresses_.Find(connection, id);
    if (!found) return NotFound("address");
    storage::LockRow(connection, "customers", found->customer_id);
    auto current = addresses_.Find(connection, id);  // as it is now that this customer's turn came
    if (!current) return NotFound("address");
    TRY(CheckVersion(version, current->version));
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
    addresses_.Update(connection, changed);
    Record(connection, changed, "address_updated", actor, std::move(changes), changed.updated_at);
    return changed;
  });
}

Status AddressService::Delete(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    const auto found = addresses_.Find(connection, id);
    if (!found) return NotFound("address");
    storage::LockRow(connection, "customers", found->customer_id);
    const auto address =
        addresses_.Find(connection, id);  // as it is now that this customer's turn came
    if (!address) return NotFound("address");
    addresses_.Delete(connection, id);
    Record(connection, *address, "address_deleted", actor, Changes(&*address, nullptr),
           time::Now());
    return Ok{};
  });
}

}  // namespace cartera::addresses
