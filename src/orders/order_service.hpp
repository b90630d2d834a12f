#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "customers/customer_repository.hpp"
#include "orders/order.hpp"
#include "storage/database.hpp"

namespace cartera::orders {

struct LineInput {
  int64_t product_id = 0;
  int64_t quantity = 0;
};

struct RateLimit {
  int64_t max = 0;  // new orders allowed per window
  time::Micros window = 0;
};

// Everything needed to place an order or a quote; the shape is already checked by the route.
struct PlaceRequest {
  std::string kind = "order";
  std::string source = "admin";
  int64_t customer_id = 0;
  std::vector<LineInput> lines;
  std::optional<int64_t> contact_id, warehouse_id, quick_link_id, created_by;
  std::optional<std::string> buyer_name, buyer_email, note;
  // Where it goes: the given address, else a snapshot of the customer's address
  // `shipping_address_id`, else of its default shipping address (F7), else none.
  std::optional<Address> shipping_address;
  std::optional<int64_t> shipping_address_id;
  Actor actor;
  // A repeat with the same scope and key returns the first order; `request_hash` tells a true
  // repeat from a different request that reuses the key.
  std::optional<std::string> idempotency_scope, idempotency_key;
  std::string request_hash;
  // For a quick-order link: how many new orders it may place per window (repeats are free).
  std::optional<RateLimit> rate_limit;
};

struct Placed {
  Order order;
  bool replayed = false;  // the first result of an earlier request with the same key
};

struct OrderQuery {
  std::optional<int64_t> customer_id, contact_id;
  std::optional<std::string> status, kind, source, payment_status, approval_status, number;
  std::optional<std::string> cursor;
  int64_t limit = 50;
  bool include_total = false;
};

struct OrderPage {
  std::vector<Order> items;
  std::optional<std::string> next_cursor;
  std::optional<int64_t> total;
};

struct OrderPatch {
  std::optional<std::string> payment_status;
  std::optional<std::optional<std::string>> due_date, note;
  std::optional<std::optional<Address>> shipping_address;
};

struct Credit {
  std::string currency;
  std::optional<int64_t> credit_limit_minor;
  int64_t unpaid_minor = 0, overdue_minor = 0, not_yet_due_minor = 0;
  int64_t held_orders = 0;
};

struct Event {
  int64_t id = 0;
  std::string type;
  time::Micros at = 0;
  Actor actor;
  std::string data;  // JSON object
};

// Order rules (F20, F23): placing with personal prices and scope checks, numbers, credit holds,
// the status workflow, quote conversion, and the event log, each write in one transaction.
class OrderService {
 public:
  OrderService(storage::Database& database, customers::CustomerRepository& customers)
      : database_(database), customers_(customers) {}

  // Errors: kNotFound (customer); kValidation naming `lines[i].product_id`, `lines[i].quantity`
  // or `warehouse_id`; kAlreadyExists `idempotency_key_reused`.
  Result<Placed> Place(const PlaceRequest& request);
  std::optional<Order> Find(int64_t id);
  Result<OrderPage> List(const OrderQuery& query);
  // Errors: kNotFound, kFailedPrecondition (version), kConflict `invalid_transition` or
  // `held_for_approval`.
  Result<Order> Transition(int64_t id, const std::string& to, std::optional<int64_t> version,
                           const Actor& actor);
  // Errors: kNotFound, kConflict `not_held`.
  Result<Order> Approve(int64_t id, const Actor& actor);
  // Errors: kNotFound, kConflict `invalid_transition` (not a pending quote).
  Result<Order> Convert(int64_t id, const Actor& actor);
  // Errors: kNotFound, kFailedPrecondition.
  Result<Order> Update(int64_t id, const OrderPatch& patch, std::optional<int64_t> version,
                       const Actor& actor);
  // Errors: kNotFound.
  Result<Credit> CreditOf(int64_t customer_id);
  std::vector<Event> Events(int64_t order_id);

 private:
  // Numbers, credit hold, due date, the rows, the event and last_order_at for a new order.
  void Insert(storage::Connection& connection, Order& order, const customers::Customer& customer,
              const Actor& actor, const PlaceRequest* request);
  std::optional<Placed> FindByKey(storage::Connection& connection, const PlaceRequest& request,
                                  Status& mismatch);

  storage::Database& database_;
  customers::CustomerRepository& customers_;
};

}  // namespace cartera::orders
