#include "customers/tag_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>

#include "common/text.hpp"
#include "common/time.hpp"
#include "customers/customer.hpp"

namespace cartera::customers {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Dialect;
using storage::Params;

// A refusal lists at most this many unknown customers (of up to 10,000).
constexpr size_t kMaxListedErrors = 100;
// Customers written per statement by a bulk action.
constexpr size_t kWriteSlice = 1000;

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

// A customer's tags by key (the order the API lists them in), each with its shown name.
using TagSet = std::map<std::string, std::string>;

json::array Names(const TagSet& tags) {
  json::array names;
  for (const auto& [key, name] : tags) names.emplace_back(name);
  return names;
}

// (key, name) of each distinct tag, first spelling kept.
std::vector<std::pair<std::string, std::string>> ByKey(const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> tags;
  for (const auto& name : names) {
    std::string key = text::Normalise(name);
    if (std::none_of(tags.begin(), tags.end(), [&](const auto& tag) { return tag.first == key; })) {
      tags.emplace_back(std::move(key), name);
    }
  }
  return tags;
}

std::vector<std::string> Keys(const std::vector<std::pair<std::string, std::string>>& tags) {
  std::vector<std::string> keys;
  for (const auto& tag : tags) keys.push_back(tag.first);
  return keys;
}

// One customer whose tags a bulk action changes.
struct TagChange {
  int64_t id;
  TagSet before, after;
};

// The `customer_updated` events of a bulk action (what history::RecordEvent writes for one
// customer, with the same kind) in ONE statement rather than 10,000: one round trip on PostgreSQL,
// one pass of SQLite's statement bookkeeping.
void RecordTagEvents(Connection& connection, std::span<const TagChange> changes,
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
  const std::string_view rows_sql =
      sqlite ? "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($1)"
             : "SELECT (e->>0)::bigint, e->>1 FROM jsonb_array_elements($1::jsonb) AS e";
  connection.Execute(
      "INSERT INTO customer_events (customer_id, data, type, kind, order_id, actor_kind, actor_id, "
      "actor_name, created_at) SELECT r.*, $2, $3, NULL, $4, $5, $6, $7 FROM (" +
          std::string(rows_sql) + ") AS r",
      {json::serialize(rows), std::string("customer_updated"),
       std::string(history::EventKind("customer_updated")), actor.kind, storage::Nullable(actor.id),
       storage::Nullable(actor.name), at});
}

std::string Item(std::string_view list, size_t index) {
  return std::string(list) + "[" + std::to_string(index) + "]";
}

}  // namespace

std::vector<TagUse> TagService::Suggest(std::string_view prefix, int64_t limit) {
  const std::string key = text::Normalise(text::Trim(prefix));
  Params params;
  std::string sql = "SELECT name, customer_count FROM tags WHERE customer_count > 0";
  if (!key.empty()) {
    // Every key starting with the prefix sorts between it and prefix + U+10FFFF: a range of
    // the unique index on name_key (byte order on both backends).
    params = {key, key + "\xF4\x8F\xBF\xBF"};
    sql += " AND name_key >= $1 AND name_key <= $2";
  }
  params.emplace_back(limit);
  sql += " ORDER BY customer_count DESC, name_key LIMIT $" + std::to_string(params.size());
  auto connection = database_.Acquire();
  std::vector<TagUse> tags;
  for (const auto& row : connection->Query(sql, params)) {
    tags.push_back({row.Text(0), row.Int(1)});
  }
  return tags;
}

Result<BulkTagResult> TagService::ApplyBulk(const BulkTagChange& change,
                                            const history::EventActor& actor) {
  const auto add = ByKey(change.add);
  const auto remove = ByKey(change.remove);
  std::vector<FieldError> errors;
  if (change.customer_ids.empty()) {
    errors.push_back({"customer_ids", "required", "Select at least one customer."});
  }
  if (add.empty() && remove.empty()) {
    errors.push_back({"add", "required", "Name at least one tag to add or remove."});
  }
  for (size_t i = 0; i < change.remove.size(); ++i) {
    const std::string key = text::Normalise(change.remove[i]);
    if (std::any_of(add.begin(), add.end(), [&](const auto& tag) { return tag.first == key; })) {
      errors.push_back({Item("remove", i), "invalid", "This tag is also in add."});
    }
  }
  if (!errors.empty()) return ValidationError(std::move(errors));

  // Distinct ids, each with the first position that names it. Sorted: B-tree pages are then
  // visited in order, and PostgreSQL locks the rows in id order.
  std::vector<int64_t> ids;
  std::unordered_map<int64_t, size_t> position;
  std::vector<size_t> unknown;
  for (size_t i = 0; i < change.customer_ids.size(); ++i) {
    const auto& id = change.customer_ids[i];
    if (!id) {
      unknown.push_back(i);
    } else if (position.emplace(*id, i).second) {
      ids.push_back(*id);
    }
  }
  std::sort(ids.begin(), ids.end());

  // SQLite: a transaction of its own rather than a savepoint in a shared batch, where a write of
  // this size would journal every page it changes in memory (see storage::Grouping).
  return database_.InTransaction(
      [&](Connection& connection) -> Result<BulkTagResult> {
        const bool sqlite = connection.dialect() == Dialect::kSqlite;
        // PostgreSQL: lock the customers (in id order, so two bulk actions cannot deadlock) before
        // reading their tags, so a concurrent save cannot slip between the read and the write.
        // SQLite: the transaction already holds the one write lock.
        // The customers' name key and status are read here once, for the new tag links.
        Params params;
        std::string sql = "SELECT id, name_key, status FROM customers WHERE id IN " +
                          IdSet(connection, params, ids);
        if (!sqlite) sql += " ORDER BY id FOR NO KEY UPDATE";
        std::unordered_map<int64_t, std::pair<std::string, std::string>> found;
        for (const auto& row : connection.Query(sql, params)) {
          found.emplace(row.Int(0), std::make_pair(row.Text(1), row.Text(2)));
        }
        for (const int64_t id : ids) {
          if (!found.contains(id)) unknown.push_back(position.at(id));
        }
        if (!unknown.empty()) {
          std::sort(unknown.begin(), unknown.end());
          for (size_t i = 0; i < unknown.size() && i < kMaxListedErrors; ++i) {
            errors.push_back({Item("customer_ids", unknown[i]), "not_found", "No such customer."});
          }
          Error error = ValidationError(std::move(errors));
          error.message = std::to_string(unknown.size()) +
                          " of the customers do not exist; nothing was changed." +
                          (unknown.size() > kMaxListedErrors ? " The first 100 are listed." : "");
          return WithMembers(std::move(error), {{"unknown_count", unknown.size()}});
        }

        std::unordered_map<int64_t, TagSet> current;
        params.clear();
        for (const auto& row : connection.Query(
                 "SELECT ct.customer_id, t.name_key, t.name FROM customer_tags ct JOIN tags t ON "
                 "t.id = ct.tag_id WHERE ct.customer_id IN " +
                     IdSet(connection, params, ids),
                 params)) {
          current[row.Int(0)].emplace(row.Text(1), row.Text(2));
        }
        // Tags that exist keep their first spelling.
        const auto existing = [&connection](const std::vector<std::string>& keys) {
          std::map<std::string, std::pair<int64_t, std::string>> tags;  // key -> id, name
          if (keys.empty()) return tags;
          Params in_params;
          const std::string in = storage::InList(in_params, keys);
          for (const auto& row : connection.Query(
                   "SELECT name_key, id, name FROM tags WHERE name_key IN (" + in + ")",
                   in_params)) {
            tags.emplace(row.Text(0), std::make_pair(row.Int(1), row.Text(2)));
          }
          return tags;
        };
        const auto added = existing(Keys(add));

        std::vector<TagChange> changes;
        for (const int64_t id : ids) {
          TagSet& before = current[id];
          TagSet after = before;
          for (const auto& [key, name] : remove) after.erase(key);
          for (const auto& [key, name] : add) {
            const auto stored = added.find(key);
            after.emplace(key, stored != added.end() ? stored->second.second : name);
          }
          if (after.size() > kMaxTags && after.size() > before.size()) {
            if (errors.size() < kMaxListedErrors) {
              errors.push_back(
                  {Item("customer_ids", position.at(id)), "too_many",
                   "This customer would have more than " + std::to_string(kMaxTags) + " tags."});
            }
            continue;
          }
          if (after != before) changes.push_back({id, std::move(before), std::move(after)});
        }
        if (!errors.empty()) return ValidationError(std::move(errors));
        BulkTagResult result;
        result.updated = static_cast<int64_t>(changes.size());
        result.unchanged = static_cast<int64_t>(ids.size() - changes.size());
        if (changes.empty()) return result;

        std::vector<int64_t> add_ids;
        if (!add.empty()) {
          for (const auto& [key, name] : add) {
            if (added.contains(key)) continue;
            connection.Execute(
                "INSERT INTO tags (name, name_key) VALUES ($1, $2) ON CONFLICT (name_key) DO "
                "NOTHING",
                {name, key});
          }
          for (const auto& [key, tag] : existing(Keys(add))) add_ids.push_back(tag.first);
        }
        std::vector<int64_t> remove_ids;
        for (const auto& [key, tag] : existing(Keys(remove))) remove_ids.push_back(tag.first);
        // The links carry the customer's name key and status (migration 011), as read above;
        // ON CONFLICT skips the customers that already have a tag.
        const std::string insert_links =
            std::string(
                "INSERT INTO customer_tags (customer_id, tag_id, name_key, status) SELECT c.id, "
                "t.id, c.name_key, c.status FROM (") +
            (sqlite ? "SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS "
                      "name_key, json_extract(value, '$[2]') AS status FROM json_each($1)"
                    : "SELECT (e->>0)::bigint AS id, e->>1 AS name_key, e->>2 AS status FROM "
                      "jsonb_array_elements($1::jsonb) AS e") +
            ") AS c, tags t WHERE t.id IN (";
        const time::Micros now = time::Now();
        // In slices: each statement's undo journal (SQLite keeps it in memory) stays a few MB
        // instead of the tens of MB that 10,000 customers' pages take in one statement.
        for (size_t begin = 0; begin < changes.size(); begin += kWriteSlice) {
          const std::span<const TagChange> slice(changes.data() + begin,
                                                 std::min(kWriteSlice, changes.size() - begin));
          std::vector<int64_t> changed;
          json::array links;
          for (const auto& one : slice) {
            changed.push_back(one.id);
            const auto& [name_key, status] = found.at(one.id);
            links.push_back(json::array{one.id, name_key, status});
          }
          if (!add_ids.empty()) {
            params = {json::serialize(links)};
            const std::string tags = storage::InList(params, add_ids);
            connection.Execute(insert_links + tags + ") ON CONFLICT DO NOTHING", params);
          }
          if (!remove_ids.empty()) {
            params.clear();
            const std::string customers = IdSet(connection, params, changed);
            const std::string tags = storage::InList(params, remove_ids);
            connection.Execute("DELETE FROM customer_tags WHERE customer_id IN " + customers +
                                   " AND tag_id IN (" + tags + ")",
                               params);
          }
          params = {now};
          connection.Execute(
              "UPDATE customers SET version = version + 1, updated_at = $1 WHERE id IN " +
                  IdSet(connection, params, changed),
              params);
          RecordTagEvents(connection, slice, actor, now);
        }
        return result;
      },
      storage::Grouping::kAlone);
}

}  // namespace cartera::customers
