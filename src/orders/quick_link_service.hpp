#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "customers/customer_repository.hpp"
#include "storage/database.hpp"

// Quick-order links (F21): one unguessable URL per customer that orders without a login.
namespace cartera::orders {

struct QuickLink {
  int64_t id = 0;
  int64_t customer_id = 0;
  time::Micros created_at = 0;
  std::optional<int64_t> created_by;
  std::optional<time::Micros> expires_at, revoked_at, last_used_at;
  int64_t orders_count = 0;

  // active | revoked | expired, at `now`.
  std::string_view State(time::Micros now) const;
};

struct NewQuickLink {
  QuickLink link;
  std::string token;  // shown once; only its SHA-256 is stored
};

struct ResolvedLink {
  QuickLink link;
  customers::Customer customer;
};

class QuickLinkService {
 public:
  QuickLinkService(storage::Database& database, customers::CustomerRepository& customers)
      : database_(database), customers_(customers) {}

  // Errors: kNotFound (customer).
  Result<NewQuickLink> Create(int64_t customer_id, std::optional<time::Micros> expires_at,
                              std::optional<int64_t> staff_id);
  // Newest first. Errors: kNotFound (customer).
  Result<std::vector<QuickLink>> List(int64_t customer_id);
  // Revoking twice is fine. Errors: kNotFound.
  Status Revoke(int64_t id);
  // Revokes the link and makes a new one for the same customer and (future) expiry.
  // Errors: kNotFound.
  Result<NewQuickLink> Regenerate(int64_t id, std::optional<int64_t> staff_id);
  // The link a token opens, with its customer; nullopt when the token is unknown, revoked or
  // expired, or the customer is inactive. Notes the use in memory, so that reading a link never
  // waits for a write; orders placed through it store the time with the order.
  std::optional<ResolvedLink> Resolve(std::string_view token);

  // Creates a link in the caller's transaction (a message that carries {{quick_link.url}}).
  NewQuickLink Insert(storage::Connection& connection, int64_t customer_id,
                      std::optional<time::Micros> expires_at, std::optional<int64_t> staff_id);

 private:
  storage::Database& database_;
  customers::CustomerRepository& customers_;
  std::mutex seen_mutex_;
  std::unordered_map<int64_t, time::Micros> seen_;  // link id → last opened (this process)
};

}  // namespace cartera::orders
