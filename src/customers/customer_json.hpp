#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "common/result.hpp"
#include "customers/customer.hpp"

namespace cartera::customers {

enum class InputMode { kCreate, kPatch };

struct CustomerInput {
  Customer customer;               // `base` with every valid field of the body applied
  std::optional<int64_t> version;  // `version` from the body, when sent (PATCH)
};

// Applies the fields present in `body` onto `base` and validates each (types, enums,
// lengths, email syntax, ISO 4217 currency, language code, discount 0-100 with two decimals,
// phone characters). Unknown fields are ignored. In kCreate mode `name` is required.
// Errors: kValidation `validation_failed` naming every bad field.
Result<CustomerInput> ApplyJson(const boost::json::object& body, Customer base, InputMode mode);

// The API representation (API.md, Customers), allocated from `storage` (e.g. a
// monotonic_resource for one response).
boost::json::object ToJson(const Customer& customer, boost::json::storage_ptr storage = {});

}  // namespace cartera::customers
