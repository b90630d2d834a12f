#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "addresses/address_repository.hpp"
#include "common/result.hpp"
#include "common/time.hpp"
#include "history/event_log.hpp"
#include "storage/database.hpp"

// Addresses of a customer (F7): shipping, billing or both, one default per purpose.
namespace cartera::addresses {

inline constexpr int64_t kMaxPerCustomer = 50;
inline constexpr size_t kMaxLabelLength = 100;
inline constexpr size_t kMaxLineLength = 200;
inline constexpr size_t kMaxCityLength = 100;
inline constexpr size_t kMaxRegionLength = 100;
inline constexpr size_t kMaxPostalCodeLength = 20;

// What a request sets: on create every required field is present (the route checks); on update
// only the fields present change. An inner nullopt clears an optional field.
struct AddressInput {
  std::optional<Kind> kind;
  std::optional<std::string> line1, city, country;
  std::optional<std::optional<std::string>> label, line2, region, postal_code;
  std::optional<bool> is_default;  // absent on create: default when it is the first of a purpose
};

// True when an address of `kind` serves shipping (`shipping`, `both`) or billing (`billing`,
// `both`).
bool ServesShipping(Kind kind);
bool ServesBilling(Kind kind);
// True when two kinds serve a purpose in common: a default of one clears a default of the other.
bool SharePurpose(Kind a, Kind b);

// Address `id` of customer `customer_id`, read on the caller's connection (for orders).
std::optional<Address> FindOfCustomer(storage::Connection& connection, int64_t customer_id,
                                      int64_t id);

class AddressService {
 public:
  explicit AddressService(storage::Database& database) : database_(database) {}

  // Every address of the customer, defaults first, then in the order they were added.
  // Errors: kNotFound (customer).
  Result<std::vector<Address>> List(int64_t customer_id);
  // Errors: kNotFound.
  Result<Address> Get(int64_t id);
  // Errors: kNotFound (customer), kValidation `addresses` too_many.
  Result<Address> Create(int64_t customer_id, const AddressInput& input,
                         const history::EventActor& actor);
  // Errors: kNotFound, kFailedPrecondition.
  Result<Address> Update(int64_t id, const AddressInput& input, std::optional<int64_t> version,
                         const history::EventActor& actor);
  // Errors: kNotFound. The default is not handed to another address.
  Status Delete(int64_t id, const history::EventActor& actor);

 private:
  storage::Database& database_;
  AddressRepository addresses_;
};

}  // namespace cartera::addresses
