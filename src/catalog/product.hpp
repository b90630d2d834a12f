#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time.hpp"

namespace cartera::catalog {

struct Price {
  std::string currency;  // ISO 4217
  int64_t amount_minor = 0;
};

struct StockLevel {
  int64_t warehouse_id = 0;
  int64_t quantity = 0;
};

// A product (F17): a unique SKU, a name, an optional type, a base price per currency.
struct Product {
  int64_t id = 0;
  std::string sku;
  std::string name;
  std::optional<int64_t> product_type_id;
  std::optional<std::string> external_id;
  bool active = true;
  std::vector<Price> prices;
  time::Micros created_at = 0;
  time::Micros updated_at = 0;
  int64_t version = 1;
};

struct ProductQuery {
  std::optional<std::string> q;  // substring of SKU or name, case- and accent-insensitive
  std::optional<int64_t> product_type_id;
  std::optional<bool> active;
  std::optional<std::string> cursor;
  int64_t limit = 50;
};

struct ProductPage {
  std::vector<Product> items;
  std::optional<std::string> next_cursor;
};

}  // namespace cartera::catalog
