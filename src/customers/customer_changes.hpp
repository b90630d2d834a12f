#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

// Field-level changes of a customer for its history (F8), derived from the API representation
// (`ToJson`) before and after a write, so the fields are defined once.
namespace cartera::customers {

struct CustomerChanges {
  // `[{"field","from","to"}]` for every API field that changed but the status fields: the
  // `changes` of a `customer_updated` event.
  boost::json::array updated;
  // The same for `account_status`, `registration_status` and `status`: the `changes` of a
  // `customer_status_changed` event.
  boost::json::array status;

  bool empty() const { return updated.empty() && status.empty(); }
};

// Compares two API representations member by member (JSON values: numbers as numbers, lists
// as arrays, ids as strings; an absent member reads as null). Bookkeeping members that every
// write moves (`id`, `version`, `created_at`, `updated_at`) are not changes. The order follows
// `after`, then members only `before` has.
CustomerChanges DiffCustomer(const boost::json::object& before, const boost::json::object& after);

// Field-level changes [{field, from, to}] between two JSON documents of a record (a field absent
// on one side is null there; id, version and the times are left out), in `after`'s field order
// and then the fields only `before` has. Customers, their addresses and contacts share it.
boost::json::array DiffFields(const boost::json::object& before, const boost::json::object& after);

}  // namespace cartera::customers
