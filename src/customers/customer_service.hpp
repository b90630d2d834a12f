#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "common/result.hpp"
#include "customers/customer_repository.hpp"
#include "history/event_log.hpp"
#include "storage/database.hpp"

namespace cartera::customers {

struct Created {
  Customer customer;
  std::vector<DuplicateMatch> possible_duplicates;
};

// A deletion code as shown once to the staff user who asked for it.
struct IssuedDeletionCode {
  std::string code;
  time::Micros expires_at = 0;
  OrderCounts order_counts;  // non-zero: the deletion will be refused
};

// Customer rules: defaults from settings, validation, versions, duplicate warnings.
class CustomerService {
 public:
  CustomerService(storage::Database& database, CustomerRepository& repository)
      : database_(database), repository_(repository) {}

  // Records `customer_created` by `actor` in the same transaction.
  // Errors: kValidation; kAlreadyExists `external_id_taken`.
  Result<Created> Create(const boost::json::object& body, const history::EventActor& actor = {});
  // Errors: kNotFound.
  Result<Customer> Get(int64_t id);
  // Applies the fields in `body`. `expected_version` (If-Match or body `version`) must be the
  // current version when given. Records `customer_updated` (changed fields) and
  // `customer_status_changed` (account_status, registration_status, status) by `actor`; when
  // nothing changes nothing is written and the version stays. Errors: kNotFound, kValidation,
  // kFailedPrecondition; kConflict `contacts_have_access` (member `contacts`: [{"id","name"}])
  // when deactivating a customer whose contacts can still sign in.
  Result<Customer> Patch(int64_t id, const boost::json::object& body,
                         std::optional<int64_t> expected_version,
                         const history::EventActor& actor = {});
  // Create and Patch on a connection the caller holds, inside its transaction, for a caller
  // that writes many customers in one (the import, F4): the same validation, rules and events.
  // With WriteMode::kCheckOnly every check runs and nothing is written (no transaction
  // needed): Create answers the customer it would insert (id 0), Patch the customer it would
  // store (its version one up when something changes).
  enum class WriteMode { kWrite, kCheckOnly };
  Result<Created> CreateOn(storage::Connection& connection, const boost::json::object& body,
                           const history::EventActor& actor, WriteMode mode = WriteMode::kWrite);
  Result<Customer> PatchOn(storage::Connection& connection, int64_t id,
                           const boost::json::object& body, std::optional<int64_t> expected_version,
                           const history::EventActor& actor, WriteMode mode = WriteMode::kWrite);

  // A new deletion confirmation code for customer `id`, valid kDeletionCodeValidity, replacing
  // any earlier one. Errors: kNotFound.
  Result<IssuedDeletionCode> RequestDeletionCode(int64_t id, const history::EventActor& actor);
  // Deletes customer `id` and its children, records `customer_deleted` for the staff `actor`.
  // Errors: kNotFound; kConflict `customer_has_orders` (members `order_count`, `quote_count`),
  // checked before the code so a refused deletion leaves it usable; kValidation
  // `confirmation_required` naming `confirmation_code` (`required`, `invalid` or `expired`).
  Status Delete(int64_t id, std::string_view confirmation_code, const history::EventActor& actor);
  // Revokes sign-in access of every contact of customer `id` that has it; returns how many.
  // Records `contacts_revoked` when there were any. Errors: kNotFound.
  Result<int64_t> RevokeContactAccess(int64_t id, const history::EventActor& actor);
  Result<ListPage> List(const ListQuery& query);

  // Where the account-validated mail sends contacts (the portal's URL).
  void SetPortalUrl(std::string url) { portal_url_ = std::move(url); }

 private:
  // Queues `account_validated` to every active contact of a customer just validated (F12).
  void QueueAccountValidated(storage::Connection& connection, const Customer& customer);
  // The catalogue ids a customer refers to must exist, and its default warehouse must be one
  // of its warehouses. Errors: kValidation naming each bad entry.
  // Errors: kValidation `invalid_phone` on phone or whatsapp when the request sets one that is
  // not possible in the customer's country (or the store's default_country).
  Status CheckPhones(storage::Connection& connection, const Customer& customer,
                     const boost::json::object& body);
  Status CheckCatalogReferences(storage::Connection& connection, const Customer& customer);

  storage::Database& database_;
  CustomerRepository& repository_;
  std::string portal_url_;
};

}  // namespace cartera::customers
