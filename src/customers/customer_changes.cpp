#include "customers/customer_changes.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace cartera::customers {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 4> kBookkeeping = {"id", "version", "created_at",
                                                          "updated_at"};
constexpr std::array<std::string_view, 3> kStatusFields = {"account_status", "registration_status",
                                                           "status"};

bool Contains(const auto& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Equal JSON values; numbers compare by value, so 12 and 12.0 are the same discount (integers
// exactly, whatever their size).
bool SameValue(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double()) return a.to_number<double>() == b.to_number<double>();
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    const json::value& signed_value = a.is_int64() ? a : b;
    const json::value& unsigned_value = a.is_int64() ? b : a;
    return signed_value.get_int64() >= 0 &&
           static_cast<uint64_t>(signed_value.get_int64()) == unsigned_value.get_uint64();
  }
  return a == b;
}

}  // namespace

json::array DiffFields(const json::object& before, const json::object& after) {
  json::array changes;
  static const json::value kNull = nullptr;
  const auto compare = [&](std::string_view field, const json::value& from, const json::value& to) {
    if (Contains(kBookkeeping, field) || SameValue(from, to)) return;
    changes.push_back(json::object{{"field", field}, {"from", from}, {"to", to}});
  };
  for (const auto& [field, to] : after) {
    const json::value* from = before.if_contains(field);
    compare(field, from ? *from : kNull, to);
  }
  for (const auto& [field, from] : before) {
    if (!after.contains(field)) compare(field, from, kNull);
  }
  return changes;
}

CustomerChanges DiffCustomer(const json::object& before, const json::object& after) {
  CustomerChanges changes;
  for (auto& change : DiffFields(before, after)) {
    const bool status = Contains(kStatusFields, change.as_object().at("field").as_string());
    (status ? changes.status : changes.updated).push_back(std::move(change));
  }
  return changes;
}

}  // namespace cartera::customers
