#include "customers/tag_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

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

Result<BulkTagResult> TagService::ApplyBulk(const BulkTagChange& change, const EventActor& actor) {
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

  // Distinct ids in order of first mention, each with the position that names it.
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

  return database_.InTransaction([&](Connection& connection) -> Result<BulkTagResult> {
    const bool sqlite = connection.dialect() == Dialect::kSqlite;
    // PostgreSQL: lock the customers (in id order, so two bulk actions cannot deadlock) before
    // reading their tags, so a concurrent save cannot slip between the read and the write.
    // SQLite: the transaction already holds the one write lock.
    Params params;
    std::string sql = "SELECT id FROM customers WHERE id IN " + IdSet(connection, params, ids);
    if (!sqlite) sql += " ORDER BY id FOR NO KEY UPDATE";
    std::unordered_set<int64_t> found;
    for (const auto& row : connection.Query(sql, params)) found.insert(row.Int(0));
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
               "SELECT name_key, id, name FROM tags WHERE name_key IN (" + in + ")", in_params)) {
        tags.emplace(row.Text(0), std::make_pair(row.Int(1), row.Text(2)));
      }
      return tags;
    };
    auto added = existing(Keys(add));

    struct Change {
      int64_t id;
      TagSet before, after;
    };
    std::vector<Change> changes;
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

    std::vector<int64_t> changed;
    for (const auto& change_of_one : changes) changed.push_back(change_of_one.id);
    if (!add.empty()) {
      for (const auto& [key, name] : add) {
        if (added.contains(key)) continue;
        connection.Execute(
            "INSERT INTO tags (name, name_key) VALUES ($1, $2) ON CONFLICT (name_key) DO NOTHING",
            {name, key});
      }
      added = existing(Keys(add));
      std::vector<int64_t> tag_ids;
      for (const auto& [key, tag] : added) tag_ids.push_back(tag.first);
      // The links carry the customer's name key and status (migration 011); ON CONFLICT skips
      // the customers that already have a tag.
      params.clear();
      const std::string customers = IdSet(connection, params, changed);
      const std::string tags = storage::InList(params, tag_ids);
      connection.Execute(
          "INSERT INTO customer_tags (customer_id, tag_id, name_key, status) SELECT c.id, t.id, "
          "c.name_key, c.status FROM customers c, tags t WHERE c.id IN " +
              customers + " AND t.id IN (" + tags + ") ON CONFLICT DO NOTHING",
          params);
    }
    if (!remove.empty()) {
      std::vector<int64_t> tag_ids;
      for (const auto& [key, tag] : existing(Keys(remove))) tag_ids.push_back(tag.first);
      if (!tag_ids.empty()) {
        params.clear();
        const std::string customers = IdSet(connection, params, changed);
        const std::string tags = storage::InList(params, tag_ids);
        connection.Execute("DELETE FROM customer_tags WHERE customer_id IN " + customers +
                               " AND tag_id IN (" + tags + ")",
                           params);
      }
    }
    const time::Micros now = time::Now();
    params = {now};
    connection.Execute("UPDATE customers SET version = version + 1, updated_at = $1 WHERE id IN " +
                           IdSet(connection, params, changed),
                       params);
    for (const auto& one : changes) {
      json::array field_changes;
      field_changes.push_back(
          {{"field", "tags"}, {"from", Names(one.before)}, {"to", Names(one.after)}});
      RecordEvent(connection, one.id, std::nullopt, "customer_updated", actor,
                  {{"changes", std::move(field_changes)}, {"bulk", true}}, now);
    }
    return result;
  });
}

}  // namespace cartera::customers
