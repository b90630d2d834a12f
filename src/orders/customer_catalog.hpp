#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "customers/customer.hpp"
#include "storage/database.hpp"

// What one customer may buy (F18) at its personal prices (F19), with stock from its warehouses.
// The quick-order page, the staff order form and order placement all read products through it,
// so the scope and the price rule live in one place.
namespace cartera::orders {

struct Offer {
  int64_t id = 0;
  std::string sku, name;
  std::optional<int64_t> product_type_id;
  std::optional<int64_t> base_price_minor;  // nullopt: no price in the customer's currency
  int64_t price_minor = 0;                  // the personal unit price
  int64_t available = 0;                    // units in the customer's warehouses
  bool active = true;
  bool in_scope = true;

  // Why the customer may not buy it: "" when it may; else not_in_catalog | inactive | no_price,
  // in that order, so nothing about products outside its catalogue shows through.
  std::string_view Refusal() const;
};

struct CatalogQuery {
  std::optional<std::string> q;
  std::optional<std::string> cursor;
  int64_t limit = 100;
};

struct CatalogPage {
  std::vector<Offer> items;
  std::optional<std::string> next_cursor;
};

class CustomerCatalog {
 public:
  // Active products in scope with a price in the customer's currency, by name.
  // Errors: kInvalidArgument for a cursor this list did not issue.
  static Result<CatalogPage> List(storage::Connection& connection,
                                  const customers::Customer& customer, const CatalogQuery& query);
  // The products with these ids as this customer would buy them (any order; absent ids are
  // missing from the result).
  static std::vector<Offer> ByIds(storage::Connection& connection,
                                  const customers::Customer& customer,
                                  const std::vector<int64_t>& ids);
  // The same by SKU (compared without case).
  static std::vector<Offer> BySkus(storage::Connection& connection,
                                   const customers::Customer& customer,
                                   const std::vector<std::string>& skus);
};

}  // namespace cartera::orders
