#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.hpp"
#include "common/time.hpp"

namespace cartera::customers {

// The newest note on a customer (F6), shown on its card.
struct LastNote {
  std::string body;
  std::string priority;
  time::Micros created_at = 0;
};

// The customer's default shipping address (F7): its default `shipping` or `both` address.
struct DefaultAddress {
  int64_t id = 0;
  std::string kind;
  std::optional<std::string> label;
  std::string line1;
  std::optional<std::string> line2;
  std::string city;
  std::optional<std::string> region, postal_code;
  std::string country;
};

// The closed sets of a customer, each with its one table of names (kStatuses, …, below).
enum class CustomerStatus { kCurrent, kPotential };
enum class AccountStatus { kActive, kInactive };
enum class RegistrationStatus { kNew, kValidated, kCancelled };
enum class CatalogScope { kAll, kProductTypes, kProducts };

// A customer record (F1). Money in minor units; the discount in hundredths of a percent.
struct Customer {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> legal_name, tax_id, external_id, customer_type, contact_person, email,
      phone, whatsapp;
  // ISO 3166-1 alpha-2: the country phone numbers are read in; null: the store's default.
  std::optional<std::string> country;
  CustomerStatus status = CustomerStatus::kCurrent;
  std::optional<std::string> temperature;
  int64_t discount_hundredths = 0;
  std::string currency;
  std::string language;
  AccountStatus account_status = AccountStatus::kActive;
  RegistrationStatus registration_status = RegistrationStatus::kValidated;
  bool shared_account = false;
  std::optional<int64_t> credit_limit_minor, payment_terms_days;
  std::vector<std::string> payment_methods;
  std::optional<std::string> default_payment_method, shipping_method, logistics_notes;
  CatalogScope catalog_scope = CatalogScope::kAll;
  std::vector<std::string> product_type_ids, product_ids, warehouse_ids;
  std::optional<std::string> default_warehouse_id;
  std::vector<std::string> tags;
  std::optional<time::Micros> last_order_at;
  // Read-only, from the customer's unpaid orders (F23).
  int64_t balance_overdue_minor = 0, balance_not_due_minor = 0;
  std::optional<LastNote> last_note;              // read-only
  std::optional<DefaultAddress> default_address;  // read-only
  time::Micros created_at = 0, updated_at = 0;
  int64_t version = 1;
};

// Descriptors shared by validation, JSON and SQL so each field is named once.
struct OptionalTextField {
  std::string_view name;  // JSON name and column name
  size_t max_length;
  std::optional<std::string> Customer::*member;
};
inline constexpr std::array<OptionalTextField, 12> kOptionalTextFields = {{
    {"legal_name", 200, &Customer::legal_name},
    {"tax_id", 50, &Customer::tax_id},
    {"external_id", 100, &Customer::external_id},
    {"contact_person", 200, &Customer::contact_person},
    {"email", 254, &Customer::email},
    {"phone", 40, &Customer::phone},
    {"whatsapp", 40, &Customer::whatsapp},
    {"default_payment_method", 60, &Customer::default_payment_method},
    {"shipping_method", 100, &Customer::shipping_method},
    {"logistics_notes", 2000, &Customer::logistics_notes},
    {"default_warehouse_id", 40, &Customer::default_warehouse_id},
    {"country", 2, &Customer::country},
}};

struct ListField {
  std::string_view name;
  size_t max_items;
  size_t max_length;
  std::vector<std::string> Customer::*member;
};
inline constexpr std::array<ListField, 4> kListFields = {{
    {"payment_methods", 20, 60, &Customer::payment_methods},
    {"product_type_ids", 1000, 40, &Customer::product_type_ids},
    {"product_ids", 10000, 40, &Customer::product_ids},
    {"warehouse_ids", 100, 40, &Customer::warehouse_ids},
}};

inline constexpr std::array<std::string_view, 2> kStatuses = {"current", "potential"};
inline constexpr std::array<std::string_view, 4> kTemperatures = {"hot", "warm", "cold",
                                                                  "not_interested"};
inline constexpr std::array<std::string_view, 2> kCustomerTypes = {"company", "individual"};
inline constexpr std::array<std::string_view, 2> kAccountStatuses = {"active", "inactive"};
inline constexpr std::array<std::string_view, 3> kRegistrationStatuses = {"new", "validated",
                                                                          "cancelled"};
inline constexpr std::array<std::string_view, 3> kCatalogScopes = {"all", "product_types",
                                                                   "products"};

constexpr std::string_view Name(CustomerStatus value) { return NameIn(kStatuses, value); }
constexpr std::string_view Name(AccountStatus value) { return NameIn(kAccountStatuses, value); }
constexpr std::string_view Name(RegistrationStatus value) {
  return NameIn(kRegistrationStatuses, value);
}
constexpr std::string_view Name(CatalogScope value) { return NameIn(kCatalogScopes, value); }

inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxTags = 50;
inline constexpr size_t kMaxTagLength = 50;

// The normalised text the search index covers: name, legal name, email, phone and WhatsApp
// digits, tax id.
std::string SearchText(const Customer& customer);
// Upper-case letters and digits of a tax id ("b-1234 567" -> "B1234567"), for duplicate checks.
std::string TaxIdKey(std::string_view tax_id);

}  // namespace cartera::customers
