#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"
#include "history/event_log.hpp"

// Orders and quotes (F20): the records, and the rules that do not need a database.
namespace cartera::orders {

inline constexpr std::array<std::string_view, 2> kKinds = {"order", "quote"};
inline constexpr std::array<std::string_view, 3> kSources = {"admin", "portal", "quick_link"};
inline constexpr std::array<std::string_view, 6> kStatuses = {
    "pending", "confirmed", "in_production", "shipped", "delivered", "cancelled"};
inline constexpr std::array<std::string_view, 2> kPaymentStatuses = {"unpaid", "paid"};
inline constexpr std::array<std::string_view, 3> kApprovalStatuses = {"not_required", "held",
                                                                      "approved"};
inline constexpr int64_t kMaxQuantity = 1'000'000;
inline constexpr size_t kMaxLines = 500;
inline constexpr size_t kMaxNoteLength = 2000;

struct Address {
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::optional<std::string> region, postal_code;
  std::string country;  // ISO 3166-1 alpha-2
};

struct Line {
  int64_t product_id = 0;
  std::string sku, name;  // snapshots
  int64_t quantity = 0;
  int64_t base_unit_price_minor = 0;
  int64_t unit_price_minor = 0;
  int64_t line_total_minor = 0;
};

struct Order {
  int64_t id = 0;
  std::string number;
  std::string kind = "order";
  int64_t customer_id = 0;
  std::string customer_name;  // read with the order, not stored on it
  std::optional<int64_t> contact_id;
  std::optional<std::string> buyer_name, buyer_email;
  std::string source = "admin";
  std::string status = "pending";
  std::string approval_status = "not_required";
  std::string currency;
  int64_t discount_hundredths = 0;
  std::vector<Line> lines;
  int64_t subtotal_minor = 0;
  int64_t total_minor = 0;
  std::optional<int64_t> warehouse_id;
  std::optional<Address> shipping_address;
  std::optional<std::string> note;
  std::string payment_status = "unpaid";
  std::optional<std::string> due_date;  // YYYY-MM-DD
  time::Micros placed_at = 0;
  std::optional<int64_t> quote_id, converted_order_id, quick_link_id, created_by;
  time::Micros updated_at = 0;
  int64_t version = 1;
};

// Who did something to an order, for the event log.
using Actor = history::EventActor;

// True when `kind` may move from `from` to `to`. Orders: pending → confirmed | cancelled;
// confirmed → in_production | shipped | cancelled; in_production → shipped | cancelled;
// shipped → delivered. Quotes: pending → cancelled (they become orders by conversion).
bool IsLegalTransition(std::string_view kind, std::string_view from, std::string_view to);

// The statuses `kind` may move to from `from`, in workflow order.
std::vector<std::string_view> NextStatuses(std::string_view kind, std::string_view from);

// "P-000123" for orders, "C-000045" for quotes.
std::string FormatNumber(std::string_view kind, int64_t sequence);

// One line of a pasted `SKU quantity` list (F32).
struct SkuLine {
  int64_t line = 0;  // 1-based line number in the pasted text
  std::string text;  // the line, trimmed
  std::optional<std::string> sku;
  std::optional<int64_t> quantity;
  std::string error;  // "" | unreadable | bad_quantity (unknown_sku, not_available: later)
};
inline constexpr size_t kMaxSkuLines = 500;

// Reads `SKU quantity` lines; the separator is spaces, a tab, ';' or ','. A line with only a
// SKU means one unit. Blank lines are skipped.
std::vector<SkuLine> ParseSkuLines(std::string_view text);

// "1234.50 EUR": an amount in minor units as mail shows it.
std::string FormatAmount(int64_t minor, const std::string& currency);

}  // namespace cartera::orders
