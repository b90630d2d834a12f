#include "orders/order_service.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <map>

#include "addresses/address_service.hpp"
#include "common/cursor.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/validation.hpp"
#include "common/version.hpp"
#include "mail/outbox.hpp"
#include "orders/customer_catalog.hpp"
#include "orders/order_json.hpp"
#include "settings/settings.hpp"

namespace cartera::orders {
namespace {

// A mail to the order's buyer (the contact who placed it, or the quick-link buyer) in the
// contact's language, else the customer's; `values` gets the buyer's name, `order` the order's.
mail::MailRequest BuyerMail(storage::Connection& connection, const Order& order,
                            std::string template_name, boost::json::object order_values) {
  static constexpr std::string_view kBuyerLanguage =
      "SELECT COALESCE(ct.language, c.language) FROM customers c LEFT JOIN contacts ct ON ct.id = "
      "$2 WHERE c.id = $1";
  const auto rows =
      connection.Query(kBuyerLanguage, {order.customer_id, storage::Nullable(order.contact_id)});
  order_values["number"] = order.number;
  order_values["total"] = FormatAmount(order.total_minor, order.currency);
  mail::MailRequest request;
  request.template_name = std::move(template_name);
  request.language = rows.empty() ? "es" : rows[0].Text(0);
  request.to_address = *order.buyer_email;
  request.to_name = order.buyer_name.value_or("");
  request.values = {{"buyer", {{"name", order.buyer_name.value_or("")}}},
                    {"contact", {{"first_name", order.buyer_name.value_or("")}}},
                    {"order", std::move(order_values)}};
  request.customer_id = order.customer_id;
  request.contact_id = order.contact_id;
  return request;
}

// F27: the buyer of an order placed from the portal or a quick-order link gets an
// `order_received` mail, queued in the order's own transaction.
void QueueOrderReceived(storage::Connection& connection, const Order& order) {
  if (!order.buyer_email || order.source == "admin") return;
  boost::json::array lines;
  for (const Line& line : order.lines) {
    lines.push_back({{"name", line.name},
                     {"quantity", line.quantity},
                     {"line_total", FormatAmount(line.line_total_minor, order.currency)}});
  }
  mail::Enqueue(
      connection,
      BuyerMail(connection, order, "order_received",
                {{"kind", order.kind}, {"currency", order.currency}, {"lines", std::move(lines)}}));
}

// F27 (docs/messaging.md): when an order enters a status the store notifies
// (notify_order_status), its buyer gets an `order_status` mail, queued in the change's
// transaction.
void QueueOrderStatus(storage::Connection& connection, const Order& order,
                      const std::string& status) {
  if (!order.buyer_email || order.kind != "order") return;
  const auto notified = settings::Load(connection).notify_order_status;
  if (std::find(notified.begin(), notified.end(), status) == notified.end()) return;
  mail::MailRequest request = BuyerMail(connection, order, "order_status", {});
  request.values["status"] = boost::json::object{{status, true}};
  mail::Enqueue(connection, request);
}

namespace json = boost::json;
using storage::Connection;
using storage::Nullable;
using storage::Params;
using storage::Value;

constexpr std::string_view kColumns =
    "o.id, o.number, o.kind, o.customer_id, c.name, o.contact_id, o.buyer_name, o.buyer_email, "
    "o.source, o.status, o.approval_status, o.currency, o.discount_hundredths, o.subtotal_minor, "
    "o.total_minor, o.warehouse_id, o.shipping_address, o.note, o.payment_status, o.due_date, "
    "o.placed_at, o.quote_id, o.converted_order_id, o.quick_link_id, o.created_by, o.updated_at, "
    "o.version FROM orders o JOIN customers c ON c.id = o.customer_id";

// Credit counts unpaid, live orders; the literal predicates match the orders_unpaid index.
constexpr std::string_view kUnpaid =
    "payment_status = 'unpaid' AND kind = 'order' AND status <> 'cancelled'";

Order FromRow(const storage::Row& row) {
  Order o;
  o.id = row.Int(0);
  o.number = row.Text(1);
  o.kind = row.Text(2);
  o.customer_id = row.Int(3);
  o.customer_name = row.Text(4);
  o.contact_id = row.OptionalInt(5);
  o.buyer_name = row.OptionalText(6);
  o.buyer_email = row.OptionalText(7);
  o.source = row.Text(8);
  o.status = row.Text(9);
  o.approval_status = row.Text(10);
  o.currency = row.Text(11);
  o.discount_hundredths = row.Int(12);
  o.subtotal_minor = row.Int(13);
  o.total_minor = row.Int(14);
  o.warehouse_id = row.OptionalInt(15);
  if (auto address = row.OptionalText(16)) o.shipping_address = AddressFromText(*address);
  o.note = row.OptionalText(17);
  o.payment_status = row.Text(18);
  o.due_date = row.OptionalText(19);
  o.placed_at = row.Int(20);
  o.quote_id = row.OptionalInt(21);
  o.converted_order_id = row.OptionalInt(22);
  o.quick_link_id = row.OptionalInt(23);
  o.created_by = row.OptionalInt(24);
  o.updated_at = row.Int(25);
  o.version = row.Int(26);
  return o;
}

std::optional<std::string> AddressText(const std::optional<Address>& address) {
  if (!address) return std::nullopt;
  return json::serialize(ToJson(address));
}

// Fills the lines of every order in one query.
void LoadLines(Connection& connection, std::vector<Order>& orders) {
  if (orders.empty()) return;
  Params params;
  std::vector<int64_t> ids;
  std::map<int64_t, Order*> by_id;
  for (auto& order : orders) {
    ids.push_back(order.id);
    by_id[order.id] = &order;
    order.lines.clear();
  }
  for (const auto& row :
       connection.Query("SELECT order_id, product_id, sku, name, quantity, base_unit_price_minor, "
                        "unit_price_minor, line_total_minor FROM order_lines WHERE order_id IN (" +
                            storage::InList(params, ids) + ") ORDER BY order_id, position",
                        params)) {
    by_id.at(row.Int(0))
        ->lines.push_back(Line{row.Int(1), row.Text(2), row.Text(3), row.Int(4), row.Int(5),
                               row.Int(6), row.Int(7)});
  }
}

std::optional<Order> FindIn(Connection& connection, int64_t id) {
  const auto rows = connection.Query("SELECT " + std::string(kColumns) + " WHERE o.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  std::vector<Order> found = {FromRow(rows[0])};
  LoadLines(connection, found);
  return std::move(found[0]);
}

void RecordEvent(Connection& connection, const Order& order, std::string_view type,
                 const Actor& actor, const json::object& data, time::Micros at) {
  history::RecordEvent(connection, order.customer_id, order.id, type, actor, data, at);
}

Error Conflict(std::string code, std::string message) {
  return MakeError(ErrorCode::kConflict, std::move(code), std::move(message));
}

Error Stale() {
  return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                   "This order changed since you read it; reload it.");
}

// Order totals stay below 10^15 minor units (10 trillion euros): exact in a JavaScript number
// (2^53) and far from overflowing 64-bit sums of many orders.
constexpr int64_t kMaxTotalMinor = 1'000'000'000'000'000;

// a × b, or nullopt above kMaxTotalMinor.
std::optional<int64_t> CheckedProduct(int64_t a, int64_t b) {
  int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product) || product > kMaxTotalMinor) return std::nullopt;
  return product;
}

// The per-link limit on new orders, counted inside the placing transaction (the link's row is
// locked on PostgreSQL) so that concurrent submissions cannot all pass it.
Status CheckRate(Connection& connection, const PlaceRequest& request) {
  const int64_t link = *request.quick_link_id;
  const time::Micros now = time::Now();
  const time::Micros window = request.rate_limit->window;
  storage::LockRow(connection, "quick_links", link);
  const auto rows = connection.Query(
      "SELECT COUNT(*), MIN(placed_at) FROM orders WHERE quick_link_id = $1 AND placed_at > $2",
      {link, now - window});
  if (rows.at(0).Int(0) < request.rate_limit->max) return Ok{};
  Error error = MakeError(ErrorCode::kResourceExhausted, "rate_limited",
                          "Too many orders through this link; try again in a minute.");
  const time::Micros oldest = rows.at(0).OptionalInt(1).value_or(now);
  const int64_t wait = std::max<int64_t>(1, (oldest + window - now) / 1'000'000 + 1);
  error.headers.emplace_back("Retry-After", std::to_string(wait));
  return error;
}

}  // namespace

std::optional<Placed> OrderService::FindByKey(Connection& connection, const PlaceRequest& request,
                                              Status& mismatch) {
  if (!request.idempotency_key || !request.idempotency_scope) return std::nullopt;
  const auto rows = connection.Query(
      "SELECT id, request_hash FROM orders WHERE idempotency_scope = $1 AND idempotency_key = $2",
      {*request.idempotency_scope, *request.idempotency_key});
  if (rows.empty()) return std::nullopt;
  if (rows[0].Text(1) != request.request_hash) {
    mismatch = Conflict("idempotency_key_reused",
                        "This Idempotency-Key was used for a different request.");
    return std::nullopt;
  }
  auto order = FindIn(connection, rows[0].Int(0));
  if (!order) return std::nullopt;
  return Placed{std::move(*order), true};
}

void OrderService::Insert(Connection& connection, Order& order, const customers::Customer& customer,
                          const Actor& actor, const PlaceRequest* request) {
  const int64_t sequence = connection
                               .Query(
                                   "UPDATE counters SET value = value + 1 WHERE name = $1 "
                                   "RETURNING value",
                                   {order.kind})
                               .at(0)
                               .Int(0);
  order.number = FormatNumber(order.kind, sequence);
  order.customer_name = customer.name;
  order.approval_status = "not_required";
  order.due_date.reset();
  if (order.kind == "order") {
    if (customer.credit_limit_minor) {
      const int64_t unpaid =
          connection
              .Query(
                  "SELECT COALESCE(SUM(total_minor), 0) FROM orders WHERE customer_id = $1 AND " +
                      std::string(kUnpaid) + " AND approval_status <> 'held' AND currency = $2",
                  {order.customer_id, order.currency})
              .at(0)
              .Int(0);
      int64_t after = 0;
      if (__builtin_add_overflow(unpaid, order.total_minor, &after) ||
          after > *customer.credit_limit_minor) {
        order.approval_status = "held";
      }
    }
    order.due_date = time::FormatDate(order.placed_at + customer.payment_terms_days.value_or(0) *
                                                            time::kMicrosPerDay);
  }
  order.updated_at = order.placed_at;
  order.version = 1;
  Params params = {order.number,
                   order.kind,
                   order.customer_id,
                   Nullable(order.contact_id),
                   Nullable(order.buyer_name),
                   Nullable(order.buyer_email),
                   order.source,
                   order.status,
                   order.approval_status,
                   order.currency,
                   order.discount_hundredths,
                   order.subtotal_minor,
                   order.total_minor,
                   Nullable(order.warehouse_id),
                   Nullable(AddressText(order.shipping_address)),
                   Nullable(order.note),
                   order.payment_status,
                   Nullable(order.due_date),
                   order.placed_at,
                   Nullable(order.quote_id),
                   Nullable(order.quick_link_id),
                   Nullable(order.created_by),
                   request ? Nullable(request->idempotency_scope) : Value(nullptr),
                   request ? Nullable(request->idempotency_key) : Value(nullptr),
                   request ? Value(request->request_hash) : Value(nullptr),
                   order.updated_at};
  order.id =
      connection
          .Query(
              "INSERT INTO orders (number, kind, customer_id, contact_id, buyer_name, buyer_email, "
              "source, status, approval_status, currency, discount_hundredths, subtotal_minor, "
              "total_minor, warehouse_id, shipping_address, note, payment_status, due_date, "
              "placed_at, quote_id, quick_link_id, created_by, idempotency_scope, "
              "idempotency_key, request_hash, updated_at, version) VALUES ($1, $2, $3, $4, $5, "
              "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, "
              "$23, $24, $25, $26, 1) RETURNING id",
              params)
          .at(0)
          .Int(0);
  for (size_t i = 0; i < order.lines.size(); ++i) {
    const Line& line = order.lines[i];
    connection.Execute(
        "INSERT INTO order_lines (order_id, position, product_id, sku, name, quantity, "
        "base_unit_price_minor, unit_price_minor, line_total_minor) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9)",
        {order.id, static_cast<int64_t>(i), line.product_id, line.sku, line.name, line.quantity,
         line.base_unit_price_minor, line.unit_price_minor, line.line_total_minor});
  }
  RecordEvent(connection, order, "order_placed", actor,
              {{"number", order.number},
               {"kind", order.kind},
               {"source", order.source},
               {"total_minor", order.total_minor},
               {"currency", order.currency},
               {"approval_status", order.approval_status}},
              order.placed_at);
  QueueOrderReceived(connection, order);
  if (order.kind == "order") {
    connection.Execute(
        "UPDATE customers SET last_order_at = $1 WHERE id = $2 AND (last_order_at IS NULL OR "
        "last_order_at < $1)",
        {order.placed_at, order.customer_id});
  }
  if (order.quick_link_id) {
    connection.Execute(
        "UPDATE quick_links SET orders_count = orders_count + 1, last_used_at = $1 WHERE id = $2",
        {order.placed_at, *order.quick_link_id});
  }
}

Result<Placed> OrderService::Place(const PlaceRequest& request) {
  {
    auto connection = database_.Acquire();
    Status mismatch = Ok{};
    if (auto earlier = FindByKey(*connection, request, mismatch)) return std::move(*earlier);
    if (!mismatch.ok()) return mismatch.error();
  }
  try {
    return database_.InTransaction([&](Connection& connection) -> Result<Placed> {
      if (request.rate_limit && request.quick_link_id) TRY(CheckRate(connection, request));
      const auto customer = customers_.FindById(connection, request.customer_id);
      if (!customer) return NotFound("customer");
      std::vector<FieldError> errors;
      std::vector<int64_t> ids;
      for (const auto& line : request.lines) ids.push_back(line.product_id);
      std::map<int64_t, Offer> offers;
      for (auto& offer : CustomerCatalog::ByIds(connection, *customer, ids)) {
        offers.emplace(offer.id, std::move(offer));
      }
      Order order;
      order.kind = request.kind;
      order.source = request.source;
      order.customer_id = customer->id;
      order.currency = customer->currency;
      order.discount_hundredths = customer->discount_hundredths;
      for (size_t i = 0; i < request.lines.size(); ++i) {
        const std::string at = "lines[" + std::to_string(i) + "]";
        const LineInput& input = request.lines[i];
        if (input.quantity < 1 || input.quantity > kMaxQuantity) {
          errors.push_back({at + ".quantity", "out_of_range", "From 1 to 1,000,000."});
          continue;
        }
        const auto found = offers.find(input.product_id);
        if (found == offers.end()) {
          errors.push_back({at + ".product_id", "not_found", "No product has this id."});
          continue;
        }
        const Offer& offer = found->second;
        if (const auto refusal = offer.Refusal(); !refusal.empty()) {
          const std::string message =
              refusal == "inactive"   ? "This product is not for sale now."
              : refusal == "no_price" ? "This product has no price in " + customer->currency + "."
                                      : "This customer may not buy this product.";
          errors.push_back({at + ".product_id", std::string(refusal), message});
          continue;
        }
        const auto line_total = CheckedProduct(offer.price_minor, input.quantity);
        if (!line_total || order.subtotal_minor + *line_total > kMaxTotalMinor) {
          errors.push_back({at + ".quantity", "too_large", "The amount is too large."});
          continue;
        }
        order.lines.push_back(Line{offer.id, offer.sku, offer.name, input.quantity,
                                   *offer.base_price_minor, offer.price_minor, *line_total});
        order.subtotal_minor += *line_total;
      }
      // The contact who places it must be one of the customer's (F11).
      if (request.contact_id &&
          connection
              .Query("SELECT 1 FROM contacts WHERE id = $1 AND customer_id = $2",
                     {*request.contact_id, request.customer_id})
              .empty()) {
        errors.push_back({"contact_id", "invalid", "No contact of this customer has this id."});
      }
      order.warehouse_id = request.warehouse_id;
      if (!order.warehouse_id && customer->default_warehouse_id) {
        order.warehouse_id = ParseId(*customer->default_warehouse_id);
      }
      if (request.warehouse_id) {
        const std::string id = std::to_string(*request.warehouse_id);
        const auto& allowed = customer->warehouse_ids;
        const bool exists =
            connection.Query("SELECT 1 FROM warehouses WHERE id = $1", {*request.warehouse_id})
                .size() == 1;
        if (!exists ||
            (!allowed.empty() && std::find(allowed.begin(), allowed.end(), id) == allowed.end())) {
          errors.push_back(
              {"warehouse_id", "invalid", "Must be one of the customer's warehouses."});
        }
      }
      // A snapshot of the customer's address the request picked (F7).
      std::optional<Address> chosen;
      if (request.shipping_address_id) {
        if (const auto a =
                addresses::FindOfCustomer(connection, customer->id, *request.shipping_address_id)) {
          chosen = Address{a->line1, a->line2, a->city, a->region, a->postal_code, a->country};
        } else {
          errors.push_back(
              {"shipping_address_id", "not_found", "The customer has no address with this id."});
        }
      }
      if (!errors.empty()) return ValidationError(std::move(errors));
      order.total_minor = order.subtotal_minor;
      order.buyer_name = request.buyer_name;
      order.buyer_email = request.buyer_email;
      order.shipping_address = request.shipping_address ? request.shipping_address : chosen;
      if (!order.shipping_address && customer->default_address) {
        const auto& d = *customer->default_address;
        order.shipping_address =
            Address{d.line1, d.line2, d.city, d.region, d.postal_code, d.country};
      }
      order.note = request.note;
      order.quick_link_id = request.quick_link_id;
      order.contact_id = request.contact_id;
      order.created_by = request.created_by;
      order.placed_at = time::Now();
      Insert(connection, order, *customer, request.actor, &request);
      return Placed{std::move(order), false};
    });
  } catch (const storage::UniqueViolation&) {
    // Another request with the same key committed first: answer with its order.
    auto connection = database_.Acquire();
    Status mismatch = Ok{};
    if (auto earlier = FindByKey(*connection, request, mismatch)) return std::move(*earlier);
    if (!mismatch.ok()) return mismatch.error();
    throw;
  }
}

std::optional<Order> OrderService::Find(int64_t id) {
  auto connection = database_.Acquire();
  return FindIn(*connection, id);
}

Result<OrderPage> OrderService::List(const OrderQuery& query) {
  auto connection = database_.Acquire();
  std::vector<std::string> where;
  Params params;
  const auto param = [&params](Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  if (query.customer_id) where.push_back("o.customer_id = " + param(*query.customer_id));
  if (query.contact_id) where.push_back("o.contact_id = " + param(*query.contact_id));
  const std::pair<std::string_view, const std::optional<std::string>*> equal[] = {
      {"o.status", &query.status},
      {"o.kind", &query.kind},
      {"o.source", &query.source},
      {"o.payment_status", &query.payment_status},
      {"o.approval_status", &query.approval_status}};
  for (const auto& [column, value] : equal) {
    if (*value) where.push_back(std::string(column) + " = " + param(**value));
  }
  if (query.number) {
    const std::string wanted = text::Normalise(text::Trim(*query.number));
    std::string upper;
    for (const char c : wanted) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (!upper.empty() && text::DigitsOnly(upper) == upper && upper.size() <= 12) {
      const int64_t sequence = std::stoll(upper);
      where.push_back("o.number IN (" + param(FormatNumber("order", sequence)) + ", " +
                      param(FormatNumber("quote", sequence)) + ")");
    } else {
      where.push_back("o.number = " + param(upper));
    }
  }
  OrderPage page;
  if (query.include_total) {
    std::string sql = "SELECT COUNT(*) FROM orders o";
    for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
    page.total = connection->Query(sql, params).at(0).Int(0);
  }
  if (query.cursor) {
    TRY_ASSIGN(const auto position, cursor::Decode("orders", *query.cursor));
    int64_t placed_at = 0;
    const auto [end, error] =
        std::from_chars(position.key.data(), position.key.data() + position.key.size(), placed_at);
    if (error != std::errc() || end != position.key.data() + position.key.size()) {
      return cursor::Invalid();
    }
    where.push_back("(o.placed_at, o.id) < (" + param(placed_at) + ", " + param(position.id) + ")");
  }
  std::string sql = "SELECT " + std::string(kColumns);
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  sql += " ORDER BY o.placed_at DESC, o.id DESC LIMIT " + param(query.limit + 1);
  for (const auto& row : connection->Query(sql, params)) page.items.push_back(FromRow(row));
  if (static_cast<int64_t>(page.items.size()) > query.limit) {
    page.items.pop_back();
    const Order& last = page.items.back();
    page.next_cursor = cursor::Encode("orders", {std::to_string(last.placed_at), last.id});
  }
  LoadLines(*connection, page.items);
  return page;
}

Result<Order> OrderService::Transition(int64_t id, const std::string& to,
                                       std::optional<int64_t> version, const Actor& actor) {
  TRY(database_.InTransaction([&](Connection& connection) -> Status {
    storage::LockRow(connection, "orders", id);
    const auto order = FindIn(connection, id);
    if (!order) return NotFound("order");
    if (version && *version != order->version) return Stale();
    if (!IsLegalTransition(order->kind, order->status, to)) {
      return Conflict("invalid_transition", (order->kind == "order" ? "An order" : "A quote") +
                                                std::string(" cannot go from ") + order->status +
                                                " to " + to + ".");
    }
    if (order->approval_status == "held" && to != "cancelled") {
      return Conflict("held_for_approval",
                      "This order is held for credit approval; approve it first.");
    }
    const time::Micros now = time::Now();
    connection.Execute(
        "UPDATE orders SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        {to, now, id});
    RecordEvent(connection, *order, "order_status_changed", actor,
                {{"from", order->status}, {"to", to}}, now);
    QueueOrderStatus(connection, *order, to);
    return Ok{};
  }));
  return *Find(id);
}

Result<Order> OrderService::Approve(int64_t id, const Actor& actor) {
  TRY(database_.InTransaction([&](Connection& connection) -> Status {
    storage::LockRow(connection, "orders", id);
    const auto order = FindIn(connection, id);
    if (!order) return NotFound("order");
    if (order->approval_status != "held" || order->status == "cancelled") {
      return Conflict("not_held", "This order is not waiting for approval.");
    }
    const time::Micros now = time::Now();
    connection.Execute(
        "UPDATE orders SET approval_status = 'approved', version = version + 1, updated_at = $1 "
        "WHERE id = $2",
        {now, id});
    RecordEvent(connection, *order, "order_approved", actor, {{"total_minor", order->total_minor}},
                now);
    return Ok{};
  }));
  return *Find(id);
}

Result<Order> OrderService::Convert(int64_t id, const Actor& actor) {
  TRY_ASSIGN(const int64_t order_id, database_.InTransaction([&](Connection& connection)
                                                                 -> Result<int64_t> {
    storage::LockRow(connection, "orders", id);
    const auto quote = FindIn(connection, id);
    if (!quote) return NotFound("order");
    if (quote->kind != "quote" || quote->status != "pending" || quote->converted_order_id) {
      return Conflict("invalid_transition", "Only a pending quote becomes an order.");
    }
    const auto customer = customers_.FindById(connection, quote->customer_id);
    if (!customer) return NotFound("customer");
    Order order = *quote;
    order.kind = "order";
    order.status = "pending";
    order.payment_status = "unpaid";
    order.quote_id = quote->id;
    order.converted_order_id.reset();
    order.quick_link_id.reset();
    order.created_by = actor.kind == "staff" ? actor.id : std::nullopt;
    order.placed_at = time::Now();
    Insert(connection, order, *customer, actor, nullptr);
    connection.Execute(
        "UPDATE orders SET status = 'confirmed', converted_order_id = $1, version = version + 1, "
        "updated_at = $2 WHERE id = $3",
        {order.id, order.placed_at, quote->id});
    RecordEvent(connection, *quote, "quote_converted", actor,
                {{"order_id", std::to_string(order.id)}, {"order_number", order.number}},
                order.placed_at);
    return order.id;
  }));
  return *Find(order_id);
}

Result<Order> OrderService::Update(int64_t id, const OrderPatch& patch,
                                   std::optional<int64_t> version, const Actor& actor) {
  TRY(database_.InTransaction([&](Connection& connection) -> Status {
    storage::LockRow(connection, "orders", id);
    const auto order = FindIn(connection, id);
    if (!order) return NotFound("order");
    if (version && *version != order->version) return Stale();
    if (order->kind == "quote") {
      std::vector<FieldError> errors;
      for (const auto& [field, given] :
           {std::pair{"payment_status", patch.payment_status.has_value()},
            std::pair{"due_date", patch.due_date.has_value()}}) {
        if (given) errors.push_back({field, "invalid", "A quote is not paid; convert it first."});
      }
      if (!errors.empty()) return ValidationError(std::move(errors));
    }
    Order changed = *order;
    json::array changes;
    const auto text = [](const std::optional<std::string>& value) {
      return value ? json::value(*value) : json::value(nullptr);
    };
    if (patch.payment_status && *patch.payment_status != order->payment_status) {
      changed.payment_status = *patch.payment_status;
      changes.push_back({{"field", "payment_status"},
                         {"from", order->payment_status},
                         {"to", changed.payment_status}});
    }
    if (patch.due_date && *patch.due_date != order->due_date) {
      changed.due_date = *patch.due_date;
      changes.push_back(
          {{"field", "due_date"}, {"from", text(order->due_date)}, {"to", text(changed.due_date)}});
    }
    if (patch.note && *patch.note != order->note) {
      changed.note = *patch.note;
      changes.push_back(
          {{"field", "note"}, {"from", text(order->note)}, {"to", text(changed.note)}});
    }
    if (patch.shipping_address) {
      changed.shipping_address = *patch.shipping_address;
      const auto before = AddressText(order->shipping_address);
      const auto after = AddressText(changed.shipping_address);
      if (before != after) {
        changes.push_back({{"field", "shipping_address"},
                           {"from", ToJson(order->shipping_address)},
                           {"to", ToJson(changed.shipping_address)}});
      }
    }
    if (changes.empty()) return Ok{};
    const time::Micros now = time::Now();
    connection.Execute(
        "UPDATE orders SET payment_status = $1, due_date = $2, note = $3, shipping_address = $4, "
        "version = version + 1, updated_at = $5 WHERE id = $6",
        {changed.payment_status, Nullable(changed.due_date), Nullable(changed.note),
         Nullable(AddressText(changed.shipping_address)), now, id});
    RecordEvent(connection, *order, "order_updated", actor, {{"changes", std::move(changes)}}, now);
    return Ok{};
  }));
  return *Find(id);
}

Result<Credit> OrderService::CreditOf(int64_t customer_id) {
  auto connection = database_.Acquire();
  const auto customer = customers_.FindById(*connection, customer_id);
  if (!customer) return NotFound("customer");
  Credit credit;
  credit.currency = customer->currency;
  credit.credit_limit_minor = customer->credit_limit_minor;
  const auto totals = connection->Query(
      "SELECT COALESCE(SUM(total_minor), 0), COALESCE(SUM(CASE WHEN due_date < $3 THEN "
      "total_minor ELSE 0 END), 0) FROM orders WHERE customer_id = $1 AND " +
          std::string(kUnpaid) + " AND approval_status <> 'held' AND currency = $2",
      {customer_id, customer->currency, time::FormatDate(time::Now())});
  credit.unpaid_minor = totals.at(0).Int(0);
  credit.overdue_minor = totals.at(0).Int(1);
  credit.not_yet_due_minor = credit.unpaid_minor - credit.overdue_minor;
  credit.held_orders = connection
                           ->Query(
                               "SELECT COUNT(*) FROM orders WHERE customer_id = $1 AND "
                               "approval_status = 'held' AND status <> 'cancelled'",
                               {customer_id})
                           .at(0)
                           .Int(0);
  return credit;
}

std::vector<Event> OrderService::Events(int64_t order_id) {
  auto connection = database_.Acquire();
  std::vector<Event> events;
  for (const auto& row :
       connection->Query("SELECT id, type, created_at, actor_kind, actor_id, actor_name, data FROM "
                         "customer_events WHERE order_id = $1 ORDER BY id",
                         {order_id})) {
    events.push_back(Event{row.Int(0), row.Text(1), row.Int(2),
                           Actor{row.Text(3), row.OptionalInt(4), row.OptionalText(5)},
                           row.Text(6)});
  }
  return events;
}

}  // namespace cartera::orders
