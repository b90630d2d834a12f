#include "customers/customer_repository.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <set>

#include "common/crypto.hpp"
#include "common/cursor.hpp"
#include "common/text.hpp"

namespace cartera::customers {
namespace {

constexpr std::string_view kDeleteTagsOf = "DELETE FROM customer_tags WHERE customer_id = $1";
constexpr std::string_view kInsertTag =
    "INSERT INTO tags (name, name_key) VALUES ($1, $2) ON CONFLICT (name_key) DO NOTHING";
constexpr std::string_view kLinkTag =
    "INSERT INTO customer_tags (customer_id, tag_id) SELECT $1, id FROM tags WHERE name_key "
    "= $2 ON CONFLICT DO NOTHING";
constexpr std::string_view kCountOrders =
    "SELECT kind, COUNT(*) FROM orders WHERE customer_id = $1 GROUP BY kind";
constexpr std::string_view kSaveDeletionCode =
    "INSERT INTO customer_deletion_codes (customer_id, code_hash, staff_id, failed_attempts, "
    "created_at, expires_at) VALUES ($1, $2, $3, 0, $4, $5) ON CONFLICT (customer_id) DO UPDATE "
    "SET code_hash = excluded.code_hash, staff_id = excluded.staff_id, failed_attempts = 0, "
    "created_at = excluded.created_at, expires_at = excluded.expires_at";
constexpr std::string_view kFindDeletionCode =
    "SELECT code_hash, failed_attempts, expires_at FROM customer_deletion_codes WHERE "
    "customer_id = $1";
constexpr std::string_view kCountFailedDeletionCode =
    "UPDATE customer_deletion_codes SET failed_attempts = failed_attempts + 1 WHERE "
    "customer_id = $1";
constexpr std::string_view kBurnDeletionCode =
    "DELETE FROM customer_deletion_codes WHERE customer_id = $1 AND failed_attempts >= $2";
constexpr std::string_view kForgetDeletionCode =
    "DELETE FROM customer_deletion_codes WHERE customer_id = $1";
constexpr std::string_view kSetting = "SELECT value FROM settings WHERE key = $1";
constexpr std::string_view kNameOf = "SELECT name FROM customers WHERE id = $1";

namespace json = boost::json;
using storage::Connection;
using storage::Dialect;
using storage::Nullable;
using storage::Params;
using storage::Value;

// Stored columns in the order FromRow reads them (after `id`) and ToParams writes them.
constexpr std::array<std::string_view, 17> kFixedColumns = {"name",
                                                            "customer_type",
                                                            "status",
                                                            "temperature",
                                                            "discount_hundredths",
                                                            "currency",
                                                            "language",
                                                            "account_status",
                                                            "registration_status",
                                                            "shared_account",
                                                            "credit_limit_minor",
                                                            "payment_terms_days",
                                                            "catalog_scope",
                                                            "last_order_at",
                                                            "created_at",
                                                            "updated_at",
                                                            "version"};
// Written, never read back: derived from the fields for indexes.
constexpr std::array<std::string_view, 5> kDerivedColumns = {"name_key", "search_text", "email_key",
                                                             "phone_digits", "tax_id_key"};

std::vector<std::string_view> StoredColumns() {
  std::vector<std::string_view> columns(kFixedColumns.begin(), kFixedColumns.end());
  for (const auto& field : kOptionalTextFields) columns.push_back(field.name);
  for (const auto& field : kListFields) columns.push_back(field.name);
  return columns;
}

// The columns FromRow reads, with the customer's tags as a JSON array (one query, no N+1).
const std::string& SelectList(Dialect dialect) {
  // Balances (F23): the customer's unpaid, live, approved orders in its currency, split at
  // today's date (UTC); the predicates match the covering index orders_unpaid.
  static const auto balance = [](std::string_view compare, std::string_view today) {
    return "(SELECT COALESCE(SUM(o.total_minor), 0) FROM orders o WHERE o.customer_id = c.id AND "
           "o.currency = c.currency AND o.approval_status <> 'held' AND o.payment_status = "
           "'unpaid' AND o.kind = 'order' AND o.status <> 'cancelled' AND o.due_date " +
           std::string(compare) + " " + std::string(today) + ")";
  };
  // The newest note (F6), for the customer card, as one JSON object.
  static const auto last_note = [](std::string_view object) {
    return "(SELECT " + std::string(object) +
           "('body', n.body, 'priority', n.priority, 'created_at', n.created_at) FROM notes n "
           "WHERE n.customer_id = c.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1)";
  };
  // The default shipping address (F7): at most one row by the partial unique index
  // addresses_default_shipping, whose predicate this repeats so that the index answers it.
  static const auto default_address = [](std::string_view object) {
    return "(SELECT " + std::string(object) +
           "('id', a.id, 'kind', a.kind, 'label', a.label, 'line1', a.line1, 'line2', a.line2, "
           "'city', a.city, 'region', a.region, 'postal_code', a.postal_code, 'country', "
           "a.country) FROM addresses a WHERE a.customer_id = c.id AND a.is_default = 1 AND "
           "a.kind IN ('shipping', 'both'))";
  };
  static const auto build = [](std::string_view tags, std::string_view today,
                               std::string_view object) {
    std::string text = "c.id";
    for (const auto column : StoredColumns()) text += ", c." + std::string(column);
    return text + ", " + std::string(tags) + ", " + balance("<", today) + ", " +
           balance(">=", today) + ", " + last_note(object) + ", " + default_address(object);
  };
  static const std::string sqlite = build(
      "(SELECT json_group_array(name) FROM (SELECT t.name FROM customer_tags ct JOIN tags t ON "
      "t.id = ct.tag_id WHERE ct.customer_id = c.id ORDER BY t.name_key))",
      "date('now')", "json_object");
  static const std::string postgres = build(
      "(SELECT COALESCE(json_agg(t.name ORDER BY t.name_key), '[]')::text FROM customer_tags ct "
      "JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id)",
      "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "json_build_object");
  return dialect == Dialect::kSqlite ? sqlite : postgres;
}

std::string ToJsonText(const std::vector<std::string>& values) {
  json::array array;
  for (const auto& value : values) array.emplace_back(value);
  return json::serialize(array);
}

std::vector<std::string> FromJsonText(const std::string& text) {
  std::vector<std::string> values;
  boost::system::error_code error;
  const json::value parsed = json::parse(text, error);
  if (error || !parsed.is_array()) return values;
  for (const auto& item : parsed.as_array()) {
    if (item.is_string()) values.emplace_back(item.as_string());
  }
  return values;
}

Params ToParams(const Customer& c) {
  Params params = {c.name,
                   Nullable(c.customer_type),
                   std::string(Name(c.status)),
                   Nullable(c.temperature),
                   c.discount_hundredths,
                   c.currency,
                   c.language,
                   std::string(Name(c.account_status)),
                   std::string(Name(c.registration_status)),
                   int64_t{c.shared_account ? 1 : 0},
                   Nullable(c.credit_limit_minor),
                   Nullable(c.payment_terms_days),
                   std::string(Name(c.catalog_scope)),
                   Nullable(c.last_order_at),
                   c.created_at,
                   c.updated_at,
                   c.version};
  for (const auto& field : kOptionalTextFields) params.push_back(Nullable(c.*field.member));
  for (const auto& field : kListFields) params.emplace_back(ToJsonText(c.*field.member));
  params.emplace_back(text::Normalise(c.name));
  params.emplace_back(SearchText(c));
  params.push_back(c.email ? Value(text::Normalise(*c.email)) : Value(nullptr));
  const std::string digits = text::DigitsOnly(c.phone.value_or(""));
  params.push_back(digits.empty() ? Value(nullptr) : Value(digits));
  const std::string tax_key = TaxIdKey(c.tax_id.value_or(""));
  params.push_back(tax_key.empty() ? Value(nullptr) : Value(tax_key));
  return params;
}

Customer FromRow(const storage::Row& row) {
  Customer c;
  size_t i = 0;
  c.id = row.Int(i++);
  c.name = row.Text(i++);
  c.customer_type = row.OptionalText(i++);
  c.status = ParseIn<CustomerStatus>(kStatuses, row.Text(i++)).value_or(CustomerStatus::kCurrent);
  c.temperature = row.OptionalText(i++);
  c.discount_hundredths = row.Int(i++);
  c.currency = row.Text(i++);
  c.language = row.Text(i++);
  c.account_status =
      ParseIn<AccountStatus>(kAccountStatuses, row.Text(i++)).value_or(AccountStatus::kActive);
  c.registration_status = ParseIn<RegistrationStatus>(kRegistrationStatuses, row.Text(i++))
                              .value_or(RegistrationStatus::kValidated);
  c.shared_account = row.Bool(i++);
  c.credit_limit_minor = row.OptionalInt(i++);
  c.payment_terms_days = row.OptionalInt(i++);
  c.catalog_scope =
      ParseIn<CatalogScope>(kCatalogScopes, row.Text(i++)).value_or(CatalogScope::kAll);
  c.last_order_at = row.OptionalInt(i++);
  c.created_at = row.Int(i++);
  c.updated_at = row.Int(i++);
  c.version = row.Int(i++);
  for (const auto& field : kOptionalTextFields) c.*field.member = row.OptionalText(i++);
  for (const auto& field : kListFields) c.*field.member = FromJsonText(row.Text(i++));
  c.tags = FromJsonText(row.Text(i++));
  c.balance_overdue_minor = row.Int(i++);
  c.balance_not_due_minor = row.Int(i++);
  if (const auto note = row.OptionalText(i++)) {
    boost::system::error_code error;
    const json::value parsed = json::parse(*note, error);
    if (const json::object* object = error ? nullptr : parsed.if_object()) {
      const json::value* body = object->if_contains("body");
      const json::value* priority = object->if_contains("priority");
      const json::value* created = object->if_contains("created_at");
      if (body && body->is_string() && priority && priority->is_string() && created &&
          created->is_int64()) {
        c.last_note = LastNote{std::string(body->as_string()), std::string(priority->as_string()),
                               created->as_int64()};
      }
    }
  }
  if (const auto address = row.OptionalText(i++)) {
    boost::system::error_code error;
    const json::value parsed = json::parse(*address, error);
    if (const json::object* object = error ? nullptr : parsed.if_object()) {
      const auto text = [object](std::string_view name) -> std::optional<std::string> {
        const json::value* field = object->if_contains(name);
        if (!field || !field->is_string()) return std::nullopt;
        return std::string(field->as_string());
      };
      const json::value* id = object->if_contains("id");
      if (id && id->is_int64()) {
        c.default_address = DefaultAddress{id->as_int64(),
                                           text("kind").value_or(""),
                                           text("label"),
                                           text("line1").value_or(""),
                                           text("line2"),
                                           text("city").value_or(""),
                                           text("region"),
                                           text("postal_code"),
                                           text("country").value_or("")};
      }
    }
  }
  return c;
}

Error ExternalIdTaken() {
  Error error = MakeError(ErrorCode::kAlreadyExists, "external_id_taken",
                          "Another customer has this external_id.");
  error.fields.push_back({"external_id", "taken", "Another customer has this external_id."});
  return error;
}

// The one unique key a customer's write can break is its external id (customers_external_id).
Error Refusal(Error error) {
  if (storage::IsUniqueViolation(error, "customers_external_id")) return ExternalIdTaken();
  return error;
}

// What a search query looks for in the normalised search text.
std::string SearchNeedle(std::string_view q) {
  const std::string_view trimmed = text::Trim(q);
  std::string needle =
      text::LooksLikePhone(trimmed) ? text::DigitsOnly(trimmed) : text::Normalise(trimmed);
  // LIKE wildcards and its escape never reach the pattern.
  std::erase_if(needle, [](char c) { return c == '%' || c == '_' || c == '\\'; });
  return needle;
}

// Each sort order is its own list: a cursor from one is refused by another.
std::string ListName(SortOrder sort) {
  return "customers/" + std::to_string(static_cast<int>(sort));
}

std::string SortKey(SortOrder sort, const Customer& c) {
  switch (sort) {
    case SortOrder::kName:
      return text::Normalise(c.name);
    case SortOrder::kNewest:
      return std::to_string(c.created_at);
    case SortOrder::kLastOrder:
      return std::to_string(c.last_order_at.value_or(0));
    case SortOrder::kSearchNewest:
    case SortOrder::kId:
      return "";
  }
  return "";
}

}  // namespace

std::optional<std::string> CustomerRepository::NameOf(Connection& connection, int64_t id) {
  const auto rows = connection.Query(kNameOf, {id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

std::optional<Customer> CustomerRepository::FindById(Connection& connection, int64_t id) {
  static const auto sql = [](Dialect dialect) {
    return "SELECT " + SelectList(dialect) + " FROM customers c WHERE c.id = $1";
  };
  static const std::string sqlite = sql(Dialect::kSqlite);
  static const std::string postgres = sql(Dialect::kPostgres);
  const auto rows =
      connection.Query(connection.dialect() == Dialect::kSqlite ? sqlite : postgres, {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

Result<Customer> CustomerRepository::Insert(Connection& connection, Customer customer) {
  static const std::string sql = [] {
    std::string columns;
    std::string values;
    size_t n = 0;
    for (const auto column : StoredColumns()) {
      const std::string separator = n ? ", " : "";
      ++n;
      columns += separator + std::string(column);
      values += separator + "$" + std::to_string(n);
    }
    for (const auto column : kDerivedColumns) {
      columns += ", " + std::string(column);
      values += ", $" + std::to_string(++n);
    }
    return "INSERT INTO customers (" + columns + ") VALUES (" + values + ") RETURNING id";
  }();
  auto inserted = connection.TryQuery(sql, ToParams(customer));
  if (!inserted.ok()) return Refusal(std::move(inserted).error());
  customer.id = inserted->at(0).Int(0);
  ReplaceTags(connection, customer.id, customer.tags);
  return customer;
}

Result<Customer> CustomerRepository::Update(Connection& connection, Customer customer,
                                            int64_t expected_version) {
  static const std::string sql = [] {
    std::string assignments;
    size_t n = 0;
    for (const auto column : StoredColumns()) {
      const std::string separator = n ? ", " : "";
      ++n;
      assignments += separator + std::string(column) + " = $" + std::to_string(n);
    }
    for (const auto column : kDerivedColumns) {
      assignments += ", " + std::string(column) + " = $" + std::to_string(++n);
    }
    return "UPDATE customers SET " + assignments + " WHERE id = $" + std::to_string(n + 1) +
           " AND version = $" + std::to_string(n + 2);
  }();
  Params params = ToParams(customer);
  params.emplace_back(customer.id);
  params.emplace_back(expected_version);
  auto updated = connection.TryExecute(sql, params);
  if (!updated.ok()) return Refusal(std::move(updated).error());
  if (*updated == 0) {
    return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                     "This customer changed since you read it; reload it.");
  }
  ReplaceTags(connection, customer.id, customer.tags);
  return customer;
}

namespace {

// A tag of a list filter: its id and how many customers carry it.
struct FilterTag {
  int64_t id = 0;
  int64_t customer_count = 0;
};

// Up to this many customers, a tag leads a list sorted otherwise than by name: reading its
// customers and sorting them costs less than walking the sort's index and probing each row.
constexpr int64_t kFewCustomers = 2000;

// The filter's tags, rarest first; nullopt when one of them does not exist (nothing matches).
std::optional<std::vector<FilterTag>> ResolveTags(Connection& connection,
                                                  const std::vector<std::string>& names) {
  std::vector<std::string> keys;
  for (const auto& name : names) {
    std::string key = text::Normalise(text::Trim(name));
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
    }
  }
  std::vector<FilterTag> tags;
  if (keys.empty()) return tags;
  Params params;
  const std::string in = storage::InList(params, keys);
  for (const auto& row : connection.Query(
           "SELECT id, customer_count FROM tags WHERE name_key IN (" + in + ")", params)) {
    tags.push_back({row.Int(0), row.Int(1)});
  }
  if (tags.size() < keys.size()) return std::nullopt;
  std::sort(tags.begin(), tags.end(), [](const FilterTag& a, const FilterTag& b) {
    return a.customer_count != b.customer_count ? a.customer_count < b.customer_count : a.id < b.id;
  });
  return tags;
}

// A statement being built: its parameters and their placeholders.
struct Statement {
  Params params;
  std::string Param(Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  }
};

std::string WhereClause(const std::vector<std::string>& conditions) {
  std::string text;
  for (size_t i = 0; i < conditions.size(); ++i) text += (i ? " AND " : " WHERE ") + conditions[i];
  return text;
}

// Which table a list statement walks first.
enum class Lead {
  kCustomers,  // customers c, through the sort's index
  kSearch,     // SQLite: the trigram index, newest first
  kTag,        // customer_tags d of the rarest tag, in name order (within a status)
};

}  // namespace

Result<ListPage> CustomerRepository::List(Connection& connection, const ListQuery& query) {
  const bool sqlite = connection.dialect() == Dialect::kSqlite;
  ListPage none;  // nothing can match
  if (query.include_total) none.total = 0;

  const std::string needle = query.q ? SearchNeedle(*query.q) : std::string();
  if (needle.empty() && query.q && !text::Trim(*query.q).empty()) return none;  // only wildcards
  // Too short for trigrams: match the start of the name on its B-tree index.
  const bool prefix_search = !needle.empty() && text::CodePointCount(needle) < 3;
  SortOrder sort = query.sort;
  if (sort == SortOrder::kSearchNewest && (needle.empty() || prefix_search))
    sort = SortOrder::kName;

  const auto tags = ResolveTags(connection, query.tags);
  if (!tags || (!tags->empty() && tags->front().customer_count == 0)) return none;

  const std::pair<const std::optional<std::string>*, std::string_view> filters[] = {
      {&query.status, "status"},
      {&query.temperature, "temperature"},
      {&query.account_status, "account_status"},
      {&query.registration_status, "registration_status"}};

  // FROM and WHERE of the customers the query keeps, walked from `lead`.
  const auto select_from = [&](Statement& statement, Lead lead) {
    std::string from;
    std::vector<std::string> where;
    std::string id = "c.id";
    std::string name_key = "c.name_key";
    if (lead == Lead::kSearch) {
      from = "customer_search s JOIN customers c ON c.id = s.rowid";
      id = "s.rowid";
    } else if (lead == Lead::kTag) {
      // CROSS JOIN keeps SQLite's loop order: the tag's index outside, customers inside.
      const char* index = query.status ? " INDEXED BY customer_tags_tag_status_name"
                                       : " INDEXED BY customer_tags_tag_name";
      from = std::string("customer_tags d") + (sqlite ? index : "") +
             (sqlite ? " CROSS JOIN" : " JOIN") + " customers c ON c.id = d.customer_id";
      id = "d.customer_id";
      name_key = "d.name_key";
      where.push_back("d.tag_id = " + statement.Param(tags->front().id));
      if (query.status) where.push_back("d.status = " + statement.Param(*query.status));
    } else {
      from = "customers c";
    }
    if (prefix_search) {
      // Every name starting with the needle sorts between it and needle + U+10FFFF (the
      // largest code point, valid UTF-8 on both backends).
      where.push_back(name_key + " >= " + statement.Param(needle) + " AND " + name_key +
                      " <= " + statement.Param(needle + "\xF4\x8F\xBF\xBF"));
    } else if (!needle.empty()) {
      const std::string pattern = statement.Param("%" + needle + "%");
      if (!sqlite) {
        where.push_back("c.search_text LIKE " + pattern);
      } else if (lead == Lead::kSearch) {
        where.push_back("s.search_text LIKE " + pattern);
      } else {
        where.push_back("c.id IN (SELECT rowid FROM customer_search WHERE search_text LIKE " +
                        pattern + ")");
      }
    }
    for (const auto& [value, column] : filters) {
      if (!*value || (lead == Lead::kTag && column == "status")) continue;
      where.push_back("c." + std::string(column) + " = " + statement.Param(**value));
    }
    for (size_t i = lead == Lead::kTag ? 1 : 0; i < tags->size(); ++i) {
      const std::string tag = statement.Param((*tags)[i].id);
      if (i == 0 && (*tags)[i].customer_count <= kFewCustomers && lead == Lead::kCustomers) {
        where.push_back("c.id IN (SELECT customer_id FROM customer_tags WHERE tag_id = " + tag +
                        ")");
      } else {
        where.push_back("EXISTS (SELECT 1 FROM customer_tags x WHERE x.customer_id = " + id +
                        " AND x.tag_id = " + tag + ")");
      }
    }
    return std::make_pair(std::move(from), std::move(where));
  };

  const bool search_drives = sort == SortOrder::kSearchNewest;
  const Lead lead = !tags->empty() && sort == SortOrder::kName ? Lead::kTag
                    : search_drives && sqlite                  ? Lead::kSearch
                                                               : Lead::kCustomers;

  std::optional<int64_t> total;
  if (query.include_total) {
    const bool only_tags_and_status = !tags->empty() && needle.empty() && !query.temperature &&
                                      !query.account_status && !query.registration_status;
    Statement count;
    std::string sql;
    if (only_tags_and_status && tags->size() == 1 && !query.status) {
      total = tags->front().customer_count;  // kept by triggers (migration 011)
    } else if (only_tags_and_status && tags->size() == 2 && sqlite) {
      // SQLite keeps the count of every pair of tags per status (tag_pairs, migration 013).
      sql = "SELECT COALESCE(SUM(customer_count), 0) FROM tag_pairs WHERE tag_id = " +
            count.Param(std::min((*tags)[0].id, (*tags)[1].id)) +
            " AND other_tag_id = " + count.Param(std::max((*tags)[0].id, (*tags)[1].id));
      if (query.status) sql += " AND status = " + count.Param(*query.status);
    } else if (only_tags_and_status) {
      // The tags' links in one status (or all) are ranges of one index in (name_key,
      // customer_id) order: their intersection is a merge of sorted ranges, without reading
      // a customer.
      const char* index = query.status ? " INDEXED BY customer_tags_tag_status_name"
                                       : " INDEXED BY customer_tags_tag_name";
      for (size_t i = 0; i < tags->size(); ++i) {
        sql += i ? " INTERSECT " : "";
        sql += std::string("SELECT name_key, customer_id FROM customer_tags") +
               (sqlite ? index : "") + " WHERE tag_id = " + count.Param((*tags)[i].id);
        if (query.status) sql += " AND status = " + count.Param(*query.status);
      }
      sql = "SELECT COUNT(*) FROM (" + sql + (sqlite ? " ORDER BY 1, 2" : "") + ") i";
    } else {
      // Counting walks the rarest tag (when there is one) whatever the page's order.
      const auto [from, where] = select_from(count, tags->empty() ? lead : Lead::kTag);
      sql = "SELECT COUNT(*) FROM " + from + WhereClause(where);
    }
    if (!total) total = connection.Query(sql, count.params).at(0).Int(0);
  }

  Statement page;
  auto [from, where] = select_from(page, lead);
  const std::string id_column = lead == Lead::kSearch ? "s.rowid" : "c.id";
  std::string order;
  std::string keyset;
  switch (sort) {
    case SortOrder::kName:
      order = lead == Lead::kTag ? "d.name_key, d.customer_id" : "c.name_key, c.id";
      keyset = lead == Lead::kTag ? "(d.name_key, d.customer_id) > " : "(c.name_key, c.id) > ";
      break;
    case SortOrder::kNewest:
      order = "c.created_at DESC, c.id DESC";
      keyset = "(c.created_at, c.id) < ";
      break;
    case SortOrder::kLastOrder:
      order = "COALESCE(c.last_order_at, 0) DESC, c.id DESC";
      keyset = "(COALESCE(c.last_order_at, 0), c.id) < ";
      break;
    case SortOrder::kSearchNewest:
      order = id_column + " DESC";
      break;
    case SortOrder::kId:
      order = "c.id";
      break;
  }
  if (query.cursor) {
    TRY_ASSIGN(const auto cursor, cursor::Decode(ListName(sort), *query.cursor));
    if (sort == SortOrder::kSearchNewest) {
      where.push_back(id_column + " < " + page.Param(cursor.id));
    } else if (sort == SortOrder::kId) {
      where.push_back("c.id > " + page.Param(cursor.id));
    } else if (sort == SortOrder::kName) {
      where.push_back(keyset + "(" + page.Param(cursor.key) + ", " + page.Param(cursor.id) + ")");
    } else {
      int64_t number = 0;
      try {
        number = std::stoll(cursor.key);
      } catch (const std::exception&) {
        return cursor::Invalid();
      }
      where.push_back(keyset + "(" + page.Param(number) + ", " + page.Param(cursor.id) + ")");
    }
  }
  std::string sql = "SELECT " + SelectList(connection.dialect()) + " FROM " + from +
                    WhereClause(where) + " ORDER BY " + order + " LIMIT " +
                    page.Param(query.limit + 1);

  ListPage result;
  result.total = total;
  for (const auto& row : connection.Query(sql, page.params)) result.items.push_back(FromRow(row));
  if (static_cast<int64_t>(result.items.size()) > query.limit) {
    result.items.pop_back();
    const Customer& last = result.items.back();
    result.next_cursor = cursor::Encode(ListName(sort), {SortKey(sort, last), last.id});
  }
  return result;
}

std::vector<DuplicateMatch> CustomerRepository::FindDuplicates(Connection& connection,
                                                               const Customer& customer) {
  std::vector<DuplicateMatch> matches;
  const auto collect = [&](std::string_view column, const std::string& value,
                           std::string_view matched_on) {
    if (value.empty()) return;
    const auto rows = connection.Query("SELECT id, name FROM customers WHERE " +
                                           std::string(column) + " = $1 AND id <> $2 LIMIT 10",
                                       {value, customer.id});
    for (const auto& row : rows) {
      matches.push_back(DuplicateMatch{row.Int(0), row.Text(1), std::string(matched_on)});
    }
  };
  collect("tax_id_key", TaxIdKey(customer.tax_id.value_or("")), "tax_id");
  collect("email_key", customer.email ? text::Normalise(*customer.email) : "", "email");
  const std::string digits = text::DigitsOnly(customer.phone.value_or(""));
  if (digits.size() >= 6) collect("phone_digits", digits, "phone");
  return matches;
}

std::optional<std::string> CustomerRepository::Setting(Connection& connection,
                                                       const std::string& key) {
  const auto rows = connection.Query(kSetting, {key});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

std::vector<size_t> CustomerRepository::UnknownIds(Connection& connection, std::string_view table,
                                                   const std::vector<std::string>& ids) {
  std::vector<size_t> unknown;
  std::vector<int64_t> numbers;
  std::vector<int64_t> valid;
  for (size_t i = 0; i < ids.size(); ++i) {
    int64_t number = 0;
    const auto [end, error] = std::from_chars(ids[i].data(), ids[i].data() + ids[i].size(), number);
    if (error != std::errc() || end != ids[i].data() + ids[i].size() || number <= 0) {
      unknown.push_back(i);
      number = 0;
    } else {
      valid.push_back(number);
    }
    numbers.push_back(number);
  }
  std::set<int64_t> found;
  if (!valid.empty()) {
    Params params;
    const std::string placeholders = storage::InList(params, valid);
    for (const auto& row : connection.Query(
             "SELECT id FROM " + std::string(table) + " WHERE id IN (" + placeholders + ")",
             params)) {
      found.insert(row.Int(0));
    }
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    if (numbers[i] != 0 && !found.contains(numbers[i])) unknown.push_back(i);
  }
  std::sort(unknown.begin(), unknown.end());
  return unknown;
}

void CustomerRepository::ReplaceTags(Connection& connection, int64_t customer_id,
                                     const std::vector<std::string>& tags) {
  connection.Execute(kDeleteTagsOf, {customer_id});
  for (const auto& tag : tags) {
    const std::string key = text::Normalise(tag);
    connection.Execute(kInsertTag, {tag, key});
    connection.Execute(kLinkTag, {customer_id, key});
  }
}

OrderCounts CustomerRepository::CountOrders(Connection& connection, int64_t customer_id) {
  OrderCounts counts;
  for (const auto& row : connection.Query(kCountOrders, {customer_id})) {
    (row.Text(0) == "quote" ? counts.quotes : counts.orders) += row.Int(1);
  }
  return counts;
}

std::vector<ContactAccess> CustomerRepository::ContactsWithAccess(Connection& connection,
                                                                  int64_t customer_id) {
  std::vector<ContactAccess> contacts;
  for (const auto& row : connection.Query(
           "SELECT id, first_name, last_name FROM contacts WHERE customer_id = $1 AND access IN "
           "('invited', 'active') ORDER BY id",
           {customer_id})) {
    std::string name = row.Text(1);
    if (const auto last = row.OptionalText(2); last && !last->empty()) name += " " + *last;
    contacts.push_back({row.Int(0), std::move(name)});
  }
  return contacts;
}

int64_t CustomerRepository::RevokeContactAccess(Connection& connection, int64_t customer_id,
                                                time::Micros at) {
  // Their portal sessions and pending links end with their access.
  connection.Execute(
      "DELETE FROM contact_tokens WHERE contact_id IN (SELECT id FROM contacts WHERE customer_id "
      "= $1)",
      {customer_id});
  return connection.Execute(
      "UPDATE contacts SET access = 'revoked', updated_at = $2, version = version + 1 WHERE "
      "customer_id = $1 AND access IN ('invited', 'active')",
      {customer_id, at});
}

void CustomerRepository::SaveDeletionCode(Connection& connection, int64_t customer_id,
                                          const std::string& code_hash, int64_t staff_id,
                                          time::Micros at, time::Micros expires_at) {
  connection.Execute(kSaveDeletionCode, {customer_id, code_hash, staff_id, at, expires_at});
}

std::optional<StoredDeletionCode> CustomerRepository::FindDeletionCode(Connection& connection,
                                                                       int64_t customer_id) {
  const auto rows = connection.Query(kFindDeletionCode, {customer_id});
  if (rows.empty()) return std::nullopt;
  return StoredDeletionCode{rows[0].Text(0), rows[0].Int(1), rows[0].Int(2)};
}

void CustomerRepository::CountFailedDeletionCode(Connection& connection, int64_t customer_id,
                                                 int64_t max_attempts) {
  connection.Execute(kCountFailedDeletionCode, {customer_id});
  connection.Execute(kBurnDeletionCode, {customer_id, max_attempts});
}

void CustomerRepository::ForgetDeletionCode(Connection& connection, int64_t customer_id) {
  connection.Execute(kForgetDeletionCode, {customer_id});
}

void CustomerRepository::DeleteWithChildren(Connection& connection, int64_t customer_id) {
  // Children first, so that foreign keys without ON DELETE CASCADE (customer_events,
  // quick_links) never see a dangling customer. Attachment files stay on disk: they are
  // content-addressed and may be shared by other records.
  static constexpr std::string_view kChildren[] = {"customer_deletion_codes",
                                                   "customer_events",
                                                   "notes",
                                                   "customer_tags",
                                                   "quick_links",
                                                   "contacts",
                                                   "addresses",
                                                   "attachments"};
  for (const std::string_view table : kChildren) {
    connection.Execute("DELETE FROM " + std::string(table) + " WHERE customer_id = $1",
                       {customer_id});
  }
  connection.Execute("DELETE FROM customers WHERE id = $1", {customer_id});
}

}  // namespace cartera::customers
