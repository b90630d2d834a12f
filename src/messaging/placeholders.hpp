#pragma once

#include <boost/json/object.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

// The placeholders of message templates and composed messages ({{customer.name}}), checked
// before anything is queued: an unknown one, or one without a value for this recipient, is an
// error naming it, never a blank (docs/messaging.md, "Placeholders").
namespace cartera::messaging {

struct Placeholder {
  std::string_view name;
  std::string_view group;  // customer | contact | order | quick_link | store | staff
};

inline constexpr std::array<Placeholder, 21> kPlaceholders = {{
    {"customer.name", "customer"},
    {"customer.legal_name", "customer"},
    {"customer.email", "customer"},
    {"customer.phone", "customer"},
    {"customer.tax_id", "customer"},
    {"customer.balance", "customer"},
    {"customer.overdue_balance", "customer"},
    {"contact.first_name", "contact"},
    {"contact.last_name", "contact"},
    {"contact.full_name", "contact"},
    {"contact.email", "contact"},
    {"order.number", "order"},
    {"order.total", "order"},
    {"order.status", "order"},
    {"order.date", "order"},
    {"quick_link.url", "quick_link"},
    {"store.name", "store"},
    {"staff.name", "staff"},
    {"staff.email", "staff"},
    {"contact.phone", "contact"},
    {"customer.contact_person", "customer"},
}};

bool IsKnownPlaceholder(std::string_view name);

// The placeholders of `text` in order of first appearance. A tag that is not a plain
// {{name}} or {{{name}}} (sections, comments, partials) is returned as written, so that the
// check below reports it as unknown.
std::vector<std::string> PlaceholdersOf(std::string_view text);

// One FieldError on `field` per unknown placeholder of `text` (code unknown_placeholder).
void CheckKnown(std::string_view text, std::string_view field, std::vector<FieldError>& errors);

// One FieldError on `field` per placeholder of `text` that has no value in `values` (a missing
// or null or empty value at its path; code unavailable_placeholder).
void CheckAvailable(std::string_view text, const boost::json::object& values,
                    std::string_view field, std::vector<FieldError>& errors);

// An amount as a reader of `language` writes it: "1.234,50 €" (es), "€1,234.50" (en); a
// currency without a symbol we know is written as its code ("1.234,50 CHF", "CHF 1,234.50").
std::string FormatMoney(int64_t minor, std::string_view currency, std::string_view language);

enum class Output { kText, kHtml };

// `text` with its placeholders replaced by their values (HTML-escaped for kHtml). Call after
// CheckKnown and CheckAvailable.
std::string Fill(std::string_view text, const boost::json::object& values, Output output);

}  // namespace cartera::messaging
