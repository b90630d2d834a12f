#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/product.hpp"
#include "catalog/product_repository.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

// The rules of products, their prices and their stock (F17).
namespace cartera::catalog {

// The fields a create or update writes; absent ones keep their value (or the default).
struct ProductInput {
  std::optional<std::string> sku, name;
  std::optional<std::optional<std::string>> external_id;
  std::optional<bool> active;
  std::optional<std::optional<int64_t>> product_type_id;
  std::optional<std::vector<Price>> prices;  // one per currency, sorted by currency
  std::optional<int64_t> version;            // the body's `version`
};

class ProductService {
 public:
  explicit ProductService(storage::Database& database) : database_(database) {}

  // Errors: kNotFound.
  Result<Product> Get(int64_t id);
  // Errors: kInvalidArgument for a cursor this list did not issue.
  Result<ProductPage> List(const ProductQuery& query);
  // Errors: kValidation (unknown product type); kAlreadyExists `sku_taken`.
  Result<Product> Create(const ProductInput& input);
  // Applies `input` to the stored product when it is at `expected_version` (If-Match, else the
  // body's version) and at the body's version. Errors: kNotFound; kFailedPrecondition;
  // kValidation (unknown product type); kAlreadyExists `sku_taken`.
  Result<Product> Update(int64_t id, const ProductInput& input,
                         std::optional<int64_t> expected_version);
  // Errors: kNotFound.
  Result<std::vector<StockLevel>> Stock(int64_t product_id);
  // Replaces the stock levels and returns them as stored. Errors: kNotFound; kValidation
  // naming unknown warehouses.
  Result<std::vector<StockLevel>> SetStock(int64_t product_id,
                                           const std::vector<StockLevel>& levels);

 private:
  storage::Database& database_;
  ProductRepository repository_;
};

}  // namespace cartera::catalog
