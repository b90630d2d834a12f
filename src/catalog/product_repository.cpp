#include "catalog/product_repository.hpp"

#include "common/cursor.hpp"
#include "common/text.hpp"

namespace cartera::catalog {
namespace {

using storage::Connection;
using storage::Nullable;
using storage::Value;

constexpr std::string_view kFind =
    "SELECT p.id, p.sku, p.name, p.product_type_id, p.external_id, p.active, p.created_at, "
    "p.updated_at, p.version FROM products p WHERE p.id = $1";
constexpr std::string_view kInsert =
    "INSERT INTO products (sku, sku_key, name, name_key, product_type_id, external_id, active, "
    "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "
    "id";
constexpr std::string_view kUpdate =
    "UPDATE products SET sku = $1, sku_key = $2, name = $3, name_key = $4, product_type_id = $5, "
    "external_id = $6, active = $7, created_at = $8, updated_at = $9, version = $10 WHERE id = "
    "$11";
// The list: kListSelect, the conditions joined by AND after WHERE, kListOrder and the limit.
constexpr std::string_view kListSelect =
    "SELECT p.id, p.sku, p.name, p.product_type_id, p.external_id, p.active, p.created_at, "
    "p.updated_at, p.version FROM products p";
constexpr std::string_view kListText = "(p.sku_key LIKE $N OR p.name_key LIKE $N)";
constexpr std::string_view kListType = "p.product_type_id = $N";
constexpr std::string_view kListActive = "p.active = $N";
constexpr std::string_view kListAfter = "p.sku_key > $N";
constexpr std::string_view kListOrder = " ORDER BY p.sku_key LIMIT $N";
// Prices of a set of products: kPricesOf, the ids, kPricesOrder.
constexpr std::string_view kPricesOf =
    "SELECT product_id, currency, amount_minor FROM product_prices WHERE product_id IN (";
constexpr std::string_view kPricesOrder = ") ORDER BY currency";
constexpr std::string_view kDeletePrices = "DELETE FROM product_prices WHERE product_id = $1";
constexpr std::string_view kInsertPrice =
    "INSERT INTO product_prices (product_id, currency, amount_minor) VALUES ($1, $2, $3)";
constexpr std::string_view kStock =
    "SELECT warehouse_id, quantity FROM stock WHERE product_id = $1 ORDER BY warehouse_id";
constexpr std::string_view kDeleteStock = "DELETE FROM stock WHERE product_id = $1";
constexpr std::string_view kInsertStock =
    "INSERT INTO stock (product_id, warehouse_id, quantity) VALUES ($1, $2, $3)";

constexpr std::string_view kSkuConstraint = "products_sku_key_key";

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

// `fragment` with every `$N` replaced by `placeholder`.
std::string Bind(std::string_view fragment, const std::string& placeholder) {
  std::string out;
  size_t start = 0;
  for (size_t at = fragment.find("$N"); at != std::string_view::npos;
       at = fragment.find("$N", start)) {
    out.append(fragment.substr(start, at - start)).append(placeholder);
    start = at + 2;
  }
  return out.append(fragment.substr(start));
}

}  // namespace

void ProductRepository::LoadPrices(Connection& connection, std::vector<Product>& products) {
  if (products.empty()) return;
  storage::Params params;
  std::vector<int64_t> ids;
  for (const auto& product : products) ids.push_back(product.id);
  const std::string sql =
      std::string(kPricesOf) + storage::InList(params, ids) + std::string(kPricesOrder);
  for (auto& product : products) product.prices.clear();
  for (const auto& row : connection.Query(sql, params)) {
    const int64_t id = row.Int(0);
    for (auto& product : products) {
      if (product.id == id) product.prices.push_back(Price{row.Text(1), row.Int(2)});
    }
  }
}

void ProductRepository::WritePrices(Connection& connection, const Product& product) {
  connection.Execute(kDeletePrices, {product.id});
  for (const auto& price : product.prices) {
    connection.Execute(kInsertPrice, {product.id, price.currency, price.amount_minor});
  }
}

std::optional<Product> ProductRepository::Find(Connection& connection, int64_t id) {
  const auto rows = connection.Query(kFind, {id});
  if (rows.empty()) return std::nullopt;
  std::vector<Product> found = {FromRow(rows[0])};
  LoadPrices(connection, found);
  return std::move(found[0]);
}

Result<int64_t> ProductRepository::Insert(Connection& connection, const Product& product) {
  auto rows = connection.TryQuery(kInsert, ProductParams(product));
  if (!rows.ok()) {
    if (storage::IsUniqueViolation(rows.error(), kSkuConstraint)) return SkuTaken();
    return std::move(rows).error();
  }
  Product stored = product;
  stored.id = rows->at(0).Int(0);
  WritePrices(connection, stored);
  return stored.id;
}

Status ProductRepository::Update(Connection& connection, const Product& product) {
  storage::Params params = ProductParams(product);
  params.emplace_back(product.id);
  auto changed = connection.TryExecute(kUpdate, params);
  if (!changed.ok()) {
    if (storage::IsUniqueViolation(changed.error(), kSkuConstraint)) return SkuTaken();
    return std::move(changed).error();
  }
  WritePrices(connection, product);
  return Ok{};
}

Result<ProductPage> ProductRepository::List(Connection& connection, const ProductQuery& query) {
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
    where.push_back(Bind(kListText, param("%" + needle + "%")));
  }
  if (query.product_type_id) where.push_back(Bind(kListType, param(*query.product_type_id)));
  if (query.active) where.push_back(Bind(kListActive, param(int64_t{*query.active ? 1 : 0})));
  if (query.cursor) {
    TRY_ASSIGN(const auto cursor, cursor::Decode("products", *query.cursor));
    where.push_back(Bind(kListAfter, param(cursor.key)));
  }
  std::string sql(kListSelect);
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  sql += Bind(kListOrder, param(query.limit + 1));
  ProductPage page;
  for (const auto& row : connection.Query(sql, params)) page.items.push_back(FromRow(row));
  if (static_cast<int64_t>(page.items.size()) > query.limit) {
    page.items.pop_back();
    page.next_cursor = cursor::Encode("products", {SkuKey(page.items.back().sku), 0});
  }
  LoadPrices(connection, page.items);
  return page;
}

std::vector<StockLevel> ProductRepository::Stock(Connection& connection, int64_t product_id) {
  std::vector<StockLevel> levels;
  for (const auto& row : connection.Query(kStock, {product_id})) {
    levels.push_back(StockLevel{row.Int(0), row.Int(1)});
  }
  return levels;
}

void ProductRepository::ReplaceStock(Connection& connection, int64_t product_id,
                                     const std::vector<StockLevel>& levels) {
  connection.Execute(kDeleteStock, {product_id});
  for (const auto& level : levels) {
    connection.Execute(kInsertStock, {product_id, level.warehouse_id, level.quantity});
  }
}

}  // namespace cartera::catalog
