#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"
#include "storage/database.hpp"

// Every statement on addresses (migration 009).
namespace cartera::addresses {

// What an address serves: shipping, billing or both.
enum class Kind { kShipping, kBilling, kBoth };
inline constexpr std::array<std::string_view, 3> kKinds = {"shipping", "billing", "both"};
std::string_view Name(Kind kind);
std::optional<Kind> ParseKind(std::string_view name);

struct Address {
  int64_t id = 0;
  int64_t customer_id = 0;
  Kind kind = Kind::kBoth;
  std::optional<std::string> label;
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::optional<std::string> region, postal_code;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  bool is_default = false;
  time::Micros created_at = 0, updated_at = 0;
  int64_t version = 1;
};

class AddressRepository {
 public:
  std::optional<Address> Find(storage::Connection& connection, int64_t id);
  // Defaults first, then in the order they were added.
  std::vector<Address> ListOfCustomer(storage::Connection& connection, int64_t customer_id);
  int64_t CountOfCustomer(storage::Connection& connection, int64_t customer_id);
  // The customer's default addresses but `except`.
  std::vector<Address> Defaults(storage::Connection& connection, int64_t customer_id,
                                int64_t except);
  // Inserts the address (version 1) and answers its id.
  int64_t Insert(storage::Connection& connection, const Address& address);
  // Writes every field as given (version included).
  void Update(storage::Connection& connection, const Address& address);
  bool Delete(storage::Connection& connection, int64_t id);
  // A customer deleted (F3).
  void DeleteForCustomer(storage::Connection& connection, int64_t customer_id);
};

}  // namespace cartera::addresses
