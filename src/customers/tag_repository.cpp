#include "customers/tag_repository.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace cartera::customers {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Dialect;
using storage::Params;

constexpr std::string_view kSuggest =
    "SELECT name, customer_count FROM tags WHERE customer_count > 0";
constexpr std::string_view kSuggestRange = " AND name_key >= $1 AND name_key <= $2";
constexpr std::string_view kSuggestOrder = " ORDER BY customer_count DESC, name_key LIMIT $";
constexpr std::string_view kLockCustomers =
    "SELECT id, name_key, status FROM customers WHERE id IN ";
constexpr std::string_view kLockCustomersPostgres = " ORDER BY id FOR NO KEY UPDATE";
constexpr std::string_view kTagsOf =
    "SELECT ct.customer_id, t.name_key, t.name FROM customer_tags ct JOIN tags t ON t.id = "
    "ct.tag_id WHERE ct.customer_id IN ";
constexpr std::string_view kFindByKeys = "SELECT name_key, id, name FROM tags WHERE name_key IN (";
constexpr std::string_view kInsertTag =
    "INSERT INTO tags (name, name_key) VALUES ($1, $2) ON CONFLICT (name_key) DO NOTHING";
// The links carry the customer's name key and status (migration 011); ON CONFLICT skips the
// customers that already have a tag. The rows come as one JSON parameter.
constexpr std::string_view kLinkHead =
    "INSERT INTO customer_tags (customer_id, tag_id, name_key, status) SELECT c.id, t.id, "
    "c.name_key, c.status FROM (";
constexpr std::string_view kLinkRowsSqlite =
    "SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS name_key, "
    "json_extract(value, '$[2]') AS status FROM json_each($1)";
constexpr std::string_view kLinkRowsPostgres =
    "SELECT (e->>0)::bigint AS id, e->>1 AS name_key, e->>2 AS status FROM "
    "jsonb_array_elements($1::jsonb) AS e";
constexpr std::string_view kLinkTail = ") AS c, tags t WHERE t.id IN (";
constexpr std::string_view kUnlink = "DELETE FROM customer_tags WHERE customer_id IN ";
constexpr std::string_view kTouch =
    "UPDATE customers SET version = version + 1, updated_at = $1 WHERE id IN ";
constexpr std::string_view kEventRowsSqlite =
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($1)";
constexpr std::string_view kEventRowsPostgres =
    "SELECT (e->>0)::bigint, e->>1 FROM jsonb_array_elements($1::jsonb) AS e";
constexpr std::string_view kInsertEvents =
    "INSERT INTO customer_events (customer_id, data, type, kind, order_id, actor_kind, actor_id, "
    "actor_name, created_at) SELECT r.*, $2, $3, NULL, $4, $5, $6, $7 FROM (";

// A set of ids as ONE parameter: a JSON array read by json_each on SQLite, an array literal on
// PostgreSQL. The statement text is the same whatever the count, so it is prepared and cached
// once, and binding costs one parameter instead of 10,000 looked up by name.
std::string IdSet(Connection& connection, Params& params, const std::vector<int64_t>& ids) {
  const bool sqlite = connection.dialect() == Dialect::kSqlite;
  std::string list = sqlite ? "[" : "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) list += ',';
    list += std::to_string(ids[i]);
  }
  list += sqlite ? "]" : "}";
  params.emplace_back(std::move(list));
  const std::string placeholder = "$" + std::to_string(params.size());
  return sqlite ? "(SELECT value FROM json_each(" + placeholder + "))"
                : "(SELECT unnest(" + placeholder + "::bigint[]))";
}

json::array Names(const TagSet& tags) {
  json::array names;
  for (const auto& [key, name] : tags) names.emplace_back(name);
  return names;
}

}  // namespace

std::vector<TagUse> TagRepository::Suggest(Connection& connection, const std::string& from,
                                           const std::string& to, int64_t limit) {
  Params params;
  std::string sql(kSuggest);
  if (!from.empty()) {
    params = {from, to};
    sql += kSuggestRange;
  }
  params.emplace_back(limit);
  sql += std::string(kSuggestOrder) + std::to_string(params.size());
  std::vector<TagUse> tags;
  for (const auto& row : connection.Query(sql, params)) tags.push_back({row.Text(0), row.Int(1)});
  return tags;
}

std::unordered_map<int64_t, LinkedCustomer> TagRepository::LockCustomers(
    Connection& connection, const std::vector<int64_t>& ids) {
  Params params;
  std::string sql = std::string(kLockCustomers) + IdSet(connection, params, ids);
  if (connection.dialect() != Dialect::kSqlite) sql += kLockCustomersPostgres;
  std::unordered_map<int64_t, LinkedCustomer> found;
  for (const auto& row : connection.Query(sql, params)) {
    found.emplace(row.Int(0), LinkedCustomer{row.Text(1), row.Text(2)});
  }
  return found;
}

std::unordered_map<int64_t, TagSet> TagRepository::TagsOf(Connection& connection,
                                                          const std::vector<int64_t>& ids) {
  Params params;
  const std::string sql = std::string(kTagsOf) + IdSet(connection, params, ids);
  std::unordered_map<int64_t, TagSet> tags;
  for (const auto& row : connection.Query(sql, params)) {
    tags[row.Int(0)].emplace(row.Text(1), row.Text(2));
  }
  return tags;
}

std::map<std::string, std::pair<int64_t, std::string>> TagRepository::FindByKeys(
    Connection& connection, const std::vector<std::string>& keys) {
  std::map<std::string, std::pair<int64_t, std::string>> tags;
  if (keys.empty()) return tags;
  Params params;
  const std::string in = storage::InList(params, keys);
  for (const auto& row : connection.Query(std::string(kFindByKeys) + in + ")", params)) {
    tags.emplace(row.Text(0), std::make_pair(row.Int(1), row.Text(2)));
  }
  return tags;
}

void TagRepository::InsertIfMissing(Connection& connection, const std::string& name,
                                    const std::string& key) {
  connection.Execute(kInsertTag, {name, key});
}

void TagRepository::Link(Connection& connection,
                         const std::vector<std::pair<int64_t, const LinkedCustomer*>>& customers,
                         const std::vector<int64_t>& tag_ids) {
  json::array links;
  for (const auto& [id, customer] : customers) {
    links.push_back(json::array{id, customer->name_key, customer->status});
  }
  Params params = {json::serialize(links)};
  const std::string tags = storage::InList(params, tag_ids);
  const bool sqlite = connection.dialect() == Dialect::kSqlite;
  connection.Execute(std::string(kLinkHead) +
                         std::string(sqlite ? kLinkRowsSqlite : kLinkRowsPostgres) +
                         std::string(kLinkTail) + tags + ") ON CONFLICT DO NOTHING",
                     params);
}

void TagRepository::Unlink(Connection& connection, const std::vector<int64_t>& customer_ids,
                           const std::vector<int64_t>& tag_ids) {
  Params params;
  const std::string customers = IdSet(connection, params, customer_ids);
  const std::string tags = storage::InList(params, tag_ids);
  connection.Execute(std::string(kUnlink) + customers + " AND tag_id IN (" + tags + ")", params);
}

void TagRepository::Touch(Connection& connection, const std::vector<int64_t>& customer_ids,
                          time::Micros at) {
  Params params = {at};
  const std::string sql = std::string(kTouch) + IdSet(connection, params, customer_ids);
  connection.Execute(sql, params);
}

void TagRepository::RecordTagEvents(Connection& connection, std::span<const TagChange> changes,
                                    const history::EventActor& actor, time::Micros at) {
  json::array rows;
  for (const auto& change : changes) {
    json::array field_changes;
    field_changes.push_back(
        {{"field", "tags"}, {"from", Names(change.before)}, {"to", Names(change.after)}});
    const json::object data{{"changes", std::move(field_changes)}, {"bulk", true}};
    rows.push_back(json::array{change.id, json::serialize(data)});
  }
  const bool sqlite = connection.dialect() == Dialect::kSqlite;
  connection.Execute(std::string(kInsertEvents) +
                         std::string(sqlite ? kEventRowsSqlite : kEventRowsPostgres) + ") AS r",
                     {json::serialize(rows), std::string("customer_updated"),
                      std::string(history::EventKind("customer_updated")), actor.kind,
                      storage::Nullable(actor.id), storage::Nullable(actor.name), at});
}

}  // namespace cartera::customers
