#include "customers/tag_service.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>

#include "common/text.hpp"
#include "common/time.hpp"
#include "customers/customer.hpp"

namespace cartera::customers {
namespace {

using storage::Connection;

// A refusal lists at most this many unknown customers (of up to 10,000).
constexpr size_t kMaxListedErrors = 100;
// Customers written per statement by a bulk action.
constexpr size_t kWriteSlice = 1000;

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
  // Every key starting with the prefix sorts between it and prefix + U+10FFFF: a range of the
  // unique index on name_key (byte order on both backends).
  auto connection = database_.Acquire();
  return repository_.Suggest(*connection, key, key.empty() ? "" : key + "\xF4\x8F\xBF\xBF", limit);
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
        // Locked before their tags are read (PostgreSQL; SQLite's transaction holds the one
        // write lock); their name key and status are read once, for the new tag links.
        const auto found = repository_.LockCustomers(connection, ids);
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

        auto current = repository_.TagsOf(connection, ids);
        // Tags that exist keep their first spelling.
        const auto added = repository_.FindByKeys(connection, Keys(add));

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
            if (!added.contains(key)) repository_.InsertIfMissing(connection, name, key);
          }
          for (const auto& [key, tag] : repository_.FindByKeys(connection, Keys(add))) {
            add_ids.push_back(tag.first);
          }
        }
        std::vector<int64_t> remove_ids;
        for (const auto& [key, tag] : repository_.FindByKeys(connection, Keys(remove))) {
          remove_ids.push_back(tag.first);
        }
        const time::Micros now = time::Now();
        // In slices: each statement's undo journal (SQLite keeps it in memory) stays a few MB
        // instead of the tens of MB that 10,000 customers' pages take in one statement.
        for (size_t begin = 0; begin < changes.size(); begin += kWriteSlice) {
          const std::span<const TagChange> slice(changes.data() + begin,
                                                 std::min(kWriteSlice, changes.size() - begin));
          std::vector<int64_t> changed;
          std::vector<std::pair<int64_t, const LinkedCustomer*>> links;
          for (const auto& one : slice) {
            changed.push_back(one.id);
            links.emplace_back(one.id, &found.at(one.id));
          }
          if (!add_ids.empty()) repository_.Link(connection, links, add_ids);
          if (!remove_ids.empty()) repository_.Unlink(connection, changed, remove_ids);
          repository_.Touch(connection, changed, now);
          repository_.RecordTagEvents(connection, slice, actor, now);
        }
        return result;
      },
      storage::Grouping::kAlone);
}

}  // namespace cartera::customers
