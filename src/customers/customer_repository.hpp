#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "customers/customer.hpp"
#include "customers/customer_deletion.hpp"
#include "storage/database.hpp"

namespace cartera::customers {

// kId (not offered by the API's `sort`): in the order customers were added, the table's own
// order, which a full export reads page by page without a jump per row (docs/performance.md).
enum class SortOrder { kName, kNewest, kLastOrder, kSearchNewest, kId };

struct ListQuery {
  std::optional<std::string> q;
  std::optional<std::string> status, temperature, account_status, registration_status;
  std::vector<std::string> tags;  // all must match
  SortOrder sort = SortOrder::kName;
  std::optional<std::string> cursor;
  int64_t limit = 50;
  bool include_total = false;
};

struct ListPage {
  std::vector<Customer> items;
  std::optional<std::string> next_cursor;
  std::optional<int64_t> total;
};

struct DuplicateMatch {
  int64_t id = 0;
  std::string name;
  std::string matched_on;  // tax_id | email | phone
};

// SQL for customers and their tags. Runs on a connection the caller holds, so a service can
// group several calls in one transaction.
class CustomerRepository {
 public:
  std::optional<Customer> FindById(storage::Connection& connection, int64_t id);
  // The customer's name; nullopt when there is no such customer.
  std::optional<std::string> NameOf(storage::Connection& connection, int64_t id);
  // Errors: kAlreadyExists `external_id_taken`.
  Result<Customer> Insert(storage::Connection& connection, Customer customer);
  // Writes every field when the stored version is still `expected_version`.
  // Errors: kFailedPrecondition when the version moved; kAlreadyExists `external_id_taken`.
  Result<Customer> Update(storage::Connection& connection, Customer customer,
                          int64_t expected_version);
  // Errors: kInvalidArgument `bad_request` for a cursor this server did not issue.
  Result<ListPage> List(storage::Connection& connection, const ListQuery& query);
  std::vector<DuplicateMatch> FindDuplicates(storage::Connection& connection,
                                             const Customer& customer);
  std::optional<std::string> Setting(storage::Connection& connection, const std::string& key);
  // The positions in `ids` that name no row of `table` (product_types, products, warehouses).
  std::vector<size_t> UnknownIds(storage::Connection& connection, std::string_view table,
                                 const std::vector<std::string>& ids);

 private:
  void ReplaceTags(storage::Connection& connection, int64_t customer_id,
                   const std::vector<std::string>& tags);

  // Deletion (F3) and deactivation (F14).
 public:
  OrderCounts CountOrders(storage::Connection& connection, int64_t customer_id);
  // The contacts that can sign in (access invited or active), by id.
  std::vector<ContactAccess> ContactsWithAccess(storage::Connection& connection,
                                                int64_t customer_id);
  // Sets access `revoked` on every such contact; returns how many changed.
  int64_t RevokeContactAccess(storage::Connection& connection, int64_t customer_id,
                              time::Micros at);
  // Stores the hash of a new deletion code, replacing the customer's previous one.
  void SaveDeletionCode(storage::Connection& connection, int64_t customer_id,
                        const std::string& code_hash, int64_t staff_id, time::Micros at,
                        time::Micros expires_at);
  std::optional<StoredDeletionCode> FindDeletionCode(storage::Connection& connection,
                                                     int64_t customer_id);
  // Counts a wrong code; the code is burnt once `max_attempts` wrong codes were entered.
  void CountFailedDeletionCode(storage::Connection& connection, int64_t customer_id,
                               int64_t max_attempts);
  void ForgetDeletionCode(storage::Connection& connection, int64_t customer_id);
  // Deletes the customer and every row that belongs to it (its events, notes, tag links, quick
  // links, contacts, addresses, attachment records, deletion code). Orders are not touched:
  // the caller refuses customers that have any.
  void DeleteWithChildren(storage::Connection& connection, int64_t customer_id);
};

}  // namespace cartera::customers
