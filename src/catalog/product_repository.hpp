#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "catalog/product.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

// Every statement on products, product_prices and stock. Runs on a connection the caller holds.
namespace cartera::catalog {

class ProductRepository {
 public:
  // With its prices.
  std::optional<Product> Find(storage::Connection& connection, int64_t id);
  // Inserts the product and its prices and returns its id. Errors: kAlreadyExists `sku_taken`.
  Result<int64_t> Insert(storage::Connection& connection, const Product& product);
  // Writes every field and replaces the prices. Errors: kAlreadyExists `sku_taken`.
  Status Update(storage::Connection& connection, const Product& product);
  // Errors: kInvalidArgument for a cursor this list did not issue.
  Result<ProductPage> List(storage::Connection& connection, const ProductQuery& query);
  std::vector<StockLevel> Stock(storage::Connection& connection, int64_t product_id);
  // Replaces the product's stock levels.
  void ReplaceStock(storage::Connection& connection, int64_t product_id,
                    const std::vector<StockLevel>& levels);

 private:
  void WritePrices(storage::Connection& connection, const Product& product);
  // Fills `prices` of every product in one query.
  void LoadPrices(storage::Connection& connection, std::vector<Product>& products);
};

}  // namespace cartera::catalog
