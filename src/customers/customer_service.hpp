#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "common/result.hpp"
#include "customers/customer_repository.hpp"
#include "storage/database.hpp"

namespace cartera::customers {

struct Created {
  Customer customer;
  std::vector<DuplicateMatch> possible_duplicates;
};

// Customer rules: defaults from settings, validation, versions, duplicate warnings.
class CustomerService {
 public:
  CustomerService(storage::Database& database, CustomerRepository& repository)
      : database_(database), repository_(repository) {}

  // Errors: kValidation; kAlreadyExists `external_id_taken`.
  Result<Created> Create(const boost::json::object& body);
  // Errors: kNotFound.
  Result<Customer> Get(int64_t id);
  // Applies the fields in `body`. `expected_version` (If-Match or body `version`) must be the
  // current version when given. Errors: kNotFound, kValidation, kFailedPrecondition.
  Result<Customer> Patch(int64_t id, const boost::json::object& body,
                         std::optional<int64_t> expected_version);
  Result<ListPage> List(const ListQuery& query);

 private:
  // The catalogue ids a customer refers to must exist, and its default warehouse must be one
  // of its warehouses. Errors: kValidation naming each bad entry.
  Status CheckCatalogReferences(storage::Connection& connection, const Customer& customer);

  storage::Database& database_;
  CustomerRepository& repository_;
};

}  // namespace cartera::customers
