#include "catalog/product_service.hpp"

#include "catalog/named_resource_repository.hpp"
#include "common/version.hpp"

namespace cartera::catalog {
namespace {

using storage::Connection;

Error ProductNotFound() { return NotFound("product"); }

void Apply(const ProductInput& input, Product& product) {
  if (input.sku) product.sku = *input.sku;
  if (input.name) product.name = *input.name;
  if (input.external_id) product.external_id = *input.external_id;
  if (input.active) product.active = *input.active;
  if (input.product_type_id) product.product_type_id = *input.product_type_id;
  if (input.prices) product.prices = *input.prices;
}

Status CheckType(Connection& connection, const Product& product) {
  if (!product.product_type_id) return Ok{};
  NamedResourceRepository types(NamedResourceKind::kProductType);
  if (!types.Find(connection, *product.product_type_id)) {
    return ValidationError({{"product_type_id", "invalid", "No product type has this id."}});
  }
  return Ok{};
}

}  // namespace

Result<Product> ProductService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto product = repository_.Find(*connection, id);
  if (!product) return ProductNotFound();
  return std::move(*product);
}

Result<ProductPage> ProductService::List(const ProductQuery& query) {
  auto connection = database_.Acquire();
  return repository_.List(*connection, query);
}

Result<Product> ProductService::Create(const ProductInput& input) {
  Product product;
  Apply(input, product);
  product.created_at = product.updated_at = time::Now();
  return database_.InTransaction([&](Connection& connection) -> Result<Product> {
    TRY(CheckType(connection, product));
    TRY_ASSIGN(product.id, repository_.Insert(connection, product));
    return product;
  });
}

Result<Product> ProductService::Update(int64_t id, const ProductInput& input,
                                       std::optional<int64_t> expected_version) {
  return database_.InTransaction([&](Connection& connection) -> Result<Product> {
    auto product = repository_.Find(connection, id);
    if (!product) return ProductNotFound();
    TRY(CheckVersion(expected_version, product->version));
    TRY(CheckVersion(input.version, product->version));
    Apply(input, *product);
    product->updated_at = time::Now();
    product->version += 1;
    TRY(CheckType(connection, *product));
    TRY(repository_.Update(connection, *product));
    return std::move(*product);
  });
}

Result<std::vector<StockLevel>> ProductService::Stock(int64_t product_id) {
  auto connection = database_.Acquire();
  if (!repository_.Find(*connection, product_id)) return ProductNotFound();
  return repository_.Stock(*connection, product_id);
}

Result<std::vector<StockLevel>> ProductService::SetStock(int64_t product_id,
                                                         const std::vector<StockLevel>& levels) {
  return database_.InTransaction([&](Connection& connection) -> Result<std::vector<StockLevel>> {
    if (!repository_.Find(connection, product_id)) return ProductNotFound();
    NamedResourceRepository warehouses(NamedResourceKind::kWarehouse);
    std::vector<FieldError> errors;
    for (size_t i = 0; i < levels.size(); ++i) {
      if (!warehouses.Find(connection, levels[i].warehouse_id)) {
        errors.push_back({"items[" + std::to_string(i) + "].warehouse_id", "invalid",
                          "No warehouse has this id."});
      }
    }
    if (!errors.empty()) return ValidationError(std::move(errors));
    repository_.ReplaceStock(connection, product_id, levels);
    return repository_.Stock(connection, product_id);
  });
}

}  // namespace cartera::catalog
