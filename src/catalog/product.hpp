#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

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

// SQL for products, their prices and their stock.
class ProductRepository {
 public:
  explicit ProductRepository(storage::Database& database) : database_(database) {}

  std::optional<Product> Find(int64_t id);
  // Errors: kAlreadyExists `sku_taken`; kValidation when the product type does not exist.
  Result<Product> Create(Product product);
  // Writes every field when the stored version is `expected_version`.
  // Errors: kFailedPrecondition, kAlreadyExists `sku_taken`, kValidation (unknown type).
  Result<Product> Update(Product product, int64_t expected_version);
  // Errors: kInvalidArgument for a cursor this list did not issue.
  Result<ProductPage> List(const ProductQuery& query);
  std::vector<StockLevel> Stock(int64_t product_id);
  // Replaces the product's stock levels. Errors: kValidation naming unknown warehouses.
  Status SetStock(int64_t product_id, const std::vector<StockLevel>& levels);

 private:
  void WritePrices(storage::Connection& connection, const Product& product);
  // Fills `prices` of every product in one query.
  void LoadPrices(storage::Connection& connection, std::vector<Product>& products);
  Status CheckType(storage::Connection& connection, const Product& product);

  storage::Database& database_;
};

}  // namespace cartera::catalog
