#include "orders/customer_catalog.hpp"

#include <algorithm>

#include "catalog/pricing.hpp"
#include "common/cursor.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/version.hpp"

namespace cartera::orders {
namespace {

using storage::Params;
using storage::Value;

std::vector<int64_t> Ids(const std::vector<std::string>& texts) {
  std::vector<int64_t> ids;
  for (const auto& text : texts) {
    if (auto id = ParseId(text)) ids.push_back(*id);
  }
  return ids;
}

// The SQL condition for "in the customer's scope" (F18), its values appended to `params`.
std::string ScopeCondition(const customers::Customer& customer, Params& params) {
  if (customer.catalog_scope == customers::CatalogScope::kProductTypes) {
    return "p.product_type_id IN (" + storage::InList(params, Ids(customer.product_type_ids)) + ")";
  }
  if (customer.catalog_scope == customers::CatalogScope::kProducts) {
    return "p.id IN (" + storage::InList(params, Ids(customer.product_ids)) + ")";
  }
  return "1 = 1";
}

// SELECT list and FROM shared by every read, so each offer is computed the same way.
std::string SelectOffers(const customers::Customer& customer, Params& params) {
  params.emplace_back(customer.currency);
  const std::string currency = "$" + std::to_string(params.size());
  const std::string scope = ScopeCondition(customer, params);
  std::string stock = "SELECT SUM(s.quantity) FROM stock s WHERE s.product_id = p.id";
  if (const auto warehouses = Ids(customer.warehouse_ids); !warehouses.empty()) {
    stock += " AND s.warehouse_id IN (" + storage::InList(params, warehouses) + ")";
  }
  return "SELECT p.id, p.sku, p.name, p.product_type_id, pp.amount_minor, p.active, CASE WHEN " +
         scope + " THEN 1 ELSE 0 END, COALESCE((" + stock +
         "), 0), p.name_key FROM products p LEFT JOIN product_prices pp ON pp.product_id = p.id "
         "AND pp.currency = " +
         currency;
}

Offer FromRow(const storage::Row& row, int64_t discount_hundredths) {
  Offer offer;
  offer.id = row.Int(0);
  offer.sku = row.Text(1);
  offer.name = row.Text(2);
  offer.product_type_id = row.OptionalInt(3);
  offer.base_price_minor = row.OptionalInt(4);
  if (offer.base_price_minor) {
    offer.price_minor = catalog::PersonalUnitPrice(*offer.base_price_minor, discount_hundredths);
  }
  offer.active = row.Bool(5);
  offer.in_scope = row.Bool(6);
  offer.available = row.Int(7);
  return offer;
}

std::vector<Offer> Read(storage::Connection& connection, const customers::Customer& customer,
                        const std::string& sql, const Params& params) {
  std::vector<Offer> offers;
  for (const auto& row : connection.Query(sql, params)) {
    offers.push_back(FromRow(row, customer.discount_hundredths));
  }
  return offers;
}

}  // namespace

std::string_view Offer::Refusal() const {
  if (!in_scope) return "not_in_catalog";
  if (!active) return "inactive";
  if (!base_price_minor) return "no_price";
  return "";
}

Result<CatalogPage> CustomerCatalog::List(storage::Connection& connection,
                                          const customers::Customer& customer,
                                          const CatalogQuery& query) {
  Params params;
  std::string sql = SelectOffers(customer, params);
  const auto param = [&params](Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  sql +=
      " WHERE p.active = 1 AND pp.amount_minor IS NOT NULL AND " + ScopeCondition(customer, params);
  if (query.q) {
    std::string needle = text::Normalise(text::Trim(*query.q));
    std::erase_if(needle, [](char c) { return c == '%' || c == '_' || c == '\\'; });
    if (!needle.empty()) {
      const std::string pattern = param("%" + needle + "%");
      sql += " AND (p.sku_key LIKE " + pattern + " OR p.name_key LIKE " + pattern + ")";
    }
  }
  if (query.cursor) {
    TRY_ASSIGN(const auto position, cursor::Decode("catalog", *query.cursor));
    sql += " AND (p.name_key, p.id) > (" + param(position.key) + ", " + param(position.id) + ")";
  }
  sql += " ORDER BY p.name_key, p.id LIMIT " + param(query.limit + 1);
  CatalogPage page;
  std::string last_key;
  for (const auto& row : connection.Query(sql, params)) {
    page.items.push_back(FromRow(row, customer.discount_hundredths));
    last_key = row.Text(8);
    if (static_cast<int64_t>(page.items.size()) == query.limit) {
      page.next_cursor = cursor::Encode("catalog", {last_key, page.items.back().id});
    }
  }
  if (static_cast<int64_t>(page.items.size()) > query.limit) {
    page.items.pop_back();
  } else {
    page.next_cursor.reset();
  }
  return page;
}

std::vector<Offer> CustomerCatalog::ByIds(storage::Connection& connection,
                                          const customers::Customer& customer,
                                          const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  Params params;
  std::string sql = SelectOffers(customer, params);
  sql += " WHERE p.id IN (" + storage::InList(params, ids) + ")";
  return Read(connection, customer, sql, params);
}

std::vector<Offer> CustomerCatalog::BySkus(storage::Connection& connection,
                                           const customers::Customer& customer,
                                           const std::vector<std::string>& skus) {
  if (skus.empty()) return {};
  Params params;
  std::string sql = SelectOffers(customer, params);
  std::vector<std::string> keys;
  for (const auto& sku : skus) keys.push_back(text::Normalise(sku));
  sql += " WHERE p.sku_key IN (" + storage::InList(params, keys) + ")";
  return Read(connection, customer, sql, params);
}

}  // namespace cartera::orders
