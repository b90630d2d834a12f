#include "catalog/product.hpp"

#include "common/cursor.hpp"
#include "common/text.hpp"

namespace cartera::catalog {
namespace {

using storage::Nullable;
using storage::Value;

constexpr std::string_view kColumns =
    "p.id, p.sku, p.name, p.product_type_id, p.external_id, p.active, p.created_at, "
    "p.updated_at, p.version";

Product FromRow(const storage::Row& row) {
  Product p;
  p.id = row.Int(0);
  p.sku = row.Text(1);
  p.name = row.Text(2);
  p.product_type_id = row.OptionalInt(3);
  p.external_id = row.OptionalText(4);
  p.active = row.Bool(5);
  p.created_at = row.Int(6);
  p.updated_at = row.Int(7);
  p.version = row.Int(8);
  return p;
}

// SKUs compare without case: "ab-1" and "AB-1" are the same product.
std::string SkuKey(const std::string& sku) { return text::Normalise(sku); }

Error SkuTaken() {
  Error error = MakeError(ErrorCode::kAlreadyExists, "sku_taken", "Another product has this SKU.");
  error.fields.push_back({"sku", "taken", "Another product has this SKU."});
  return error;
}

storage::Params ProductParams(const Product& p) {
  return {p.sku,
          SkuKey(p.sku),
          p.name,
          text::Normalise(p.name),
          Nullable(p.product_type_id),
          Nullable(p.external_id),
          int64_t{p.active ? 1 : 0},
          p.created_at,
          p.updated_at,
          p.version};
}

}  // namespace

Status ProductRepository::CheckType(storage::Connection& connection, const Product& product) {
  if (!product.product_type_id) return Ok{};
  if (connection.Query("SELECT 1 FROM product_types WHERE id = $1", {*product.product_type_id})
          .empty()) {
    return ValidationError({{"product_type_id", "invalid", "No product type has this id."}});
  }
  return Ok{};
}

void ProductRepository::LoadPrices(storage::Connection& connection,
                                   std::vector<Product>& products) {
  if (products.empty()) return;
  storage::Params params;
  std::vector<int64_t> ids;
  for (const auto& product : products) ids.push_back(product.id);
  const std::string placeholders = storage::InList(params, ids);
  for (auto& product : products) product.prices.clear();
  for (const auto& row : connection.Query(
           "SELECT product_id, currency, amount_minor FROM product_prices WHERE product_id IN (" +
               placeholders + ") ORDER BY currency",
           params)) {
    const int64_t id = row.Int(0);
    for (auto& product : products) {
      if (product.id == id) product.prices.push_back(Price{row.Text(1), row.Int(2)});
    }
  }
}

void ProductRepository::WritePrices(storage::Connection& connection, const Product& product) {
  connection.Execute("DELETE FROM product_prices WHERE product_id = $1", {product.id});
  for (const auto& price : product.prices) {
    connection.Execute(
        "INSERT INTO product_prices (product_id, currency, amount_minor) VALUES ($1, $2, $3)",
        {product.id, price.currency, price.amount_minor});
  }
}

std::optional<Product> ProductRepository::Find(int64_t id) {
  auto connection = database_.Acquire();
  const auto rows = connection->Query(
      "SELECT " + std::string(kColumns) + " FROM products p WHERE p.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  std::vector<Product> found = {FromRow(rows[0])};
  LoadPrices(*connection, found);
  return std::move(found[0]);
}

Result<Product> ProductRepository::Create(Product product) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<Product> {
    TRY(CheckType(connection, product));
    try {
      product.id =
          connection
              .Query(
                  "INSERT INTO products (sku, sku_key, name, name_key, product_type_id, "
                  "external_id, active, created_at, updated_at, version) VALUES ($1, $2, $3, $4, "
                  "$5, $6, $7, $8, $9, $10) RETURNING id",
                  ProductParams(product))
              .at(0)
              .Int(0);
    } catch (const storage::UniqueViolation&) {
      return SkuTaken();
    }
    WritePrices(connection, product);
    return product;
  });
}

Result<Product> ProductRepository::Update(Product product, int64_t expected_version) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<Product> {
    TRY(CheckType(connection, product));
    storage::Params params = ProductParams(product);
    params.emplace_back(product.id);
    params.emplace_back(expected_version);
    try {
      const int64_t changed = connection.Execute(
          "UPDATE products SET sku = $1, sku_key = $2, name = $3, name_key = $4, "
          "product_type_id = $5, external_id = $6, active = $7, created_at = $8, updated_at = "
          "$9, version = $10 WHERE id = $11 AND version = $12",
          params);
      if (changed == 0) {
        return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                         "This product changed since you read it; reload it.");
      }
    } catch (const storage::UniqueViolation&) {
      return SkuTaken();
    }
    WritePrices(connection, product);
    return product;
  });
}

Result<ProductPage> ProductRepository::List(const ProductQuery& query) {
  auto connection = database_.Acquire();
  std::vector<std::string> where;
  storage::Params params;
  const auto param = [&params](Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  if (query.q) {
    std::string needle = text::Normalise(text::Trim(*query.q));
    std::erase_if(needle, [](char c) { return c == '%' || c == '_' || c == '\\'; });
    if (needle.empty()) return ProductPage{};
    const std::string pattern = param("%" + needle + "%");
    where.push_back("(p.sku_key LIKE " + pattern + " OR p.name_key LIKE " + pattern + ")");
  }
  if (query.product_type_id)
    where.push_back("p.product_type_id = " + param(*query.product_type_id));
  if (query.active) where.push_back("p.active = " + param(int64_t{*query.active ? 1 : 0}));
  if (query.cursor) {
    TRY_ASSIGN(const auto cursor, cursor::Decode("products", *query.cursor));
    where.push_back("p.sku_key > " + param(cursor.key));
  }
  std::string sql = "SELECT " + std::string(kColumns) + " FROM products p";
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  sql += " ORDER BY p.sku_key LIMIT " + param(query.limit + 1);
  ProductPage page;
  for (const auto& row : connection->Query(sql, params)) page.items.push_back(FromRow(row));
  if (static_cast<int64_t>(page.items.size()) > query.limit) {
    page.items.pop_back();
    page.next_cursor = cursor::Encode("products", {SkuKey(page.items.back().sku), 0});
  }
  LoadPrices(*connection, page.items);
  return page;
}

std::vector<StockLevel> ProductRepository::Stock(int64_t product_id) {
  auto connection = database_.Acquire();
  std::vector<StockLevel> levels;
  for (const auto& row : connection->Query(
           "SELECT warehouse_id, quantity FROM stock WHERE product_id = $1 ORDER BY warehouse_id",
           {product_id})) {
    levels.push_back(StockLevel{row.Int(0), row.Int(1)});
  }
  return levels;
}

Status ProductRepository::SetStock(int64_t product_id, const std::vector<StockLevel>& levels) {
  return database_.InTransaction([&](storage::Connection& connection) -> Status {
    std::vector<FieldError> errors;
    for (size_t i = 0; i < levels.size(); ++i) {
      if (connection.Query("SELECT 1 FROM warehouses WHERE id = $1", {levels[i].warehouse_id})
              .empty()) {
        errors.push_back({"items[" + std::to_string(i) + "].warehouse_id", "invalid",
                          "No warehouse has this id."});
      }
    }
    if (!errors.empty()) return ValidationError(std::move(errors));
    connection.Execute("DELETE FROM stock WHERE product_id = $1", {product_id});
    for (const auto& level : levels) {
      connection.Execute(
          "INSERT INTO stock (product_id, warehouse_id, quantity) VALUES ($1, $2, $3)",
          {product_id, level.warehouse_id, level.quantity});
    }
    return Ok{};
  });
}

}  // namespace cartera::catalog
