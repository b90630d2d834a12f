#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/time.hpp"
#include "history/event_log.hpp"
#include "storage/database.hpp"

// Every statement on `tags` and `customer_tags` for the bulk tag actions and suggestions (F5).
// A customer's own tags are written with the customer (CustomerRepository::ReplaceTags).
namespace cartera::customers {

struct TagUse {
  std::string name;
  int64_t customer_count = 0;
};

// A customer's tags by key (the order the API lists them in), each with its shown name.
using TagSet = std::map<std::string, std::string>;

// What a new tag link copies from its customer (migration 011): the name key and status.
struct LinkedCustomer {
  std::string name_key;
  std::string status;
};

// One customer whose tags a bulk action changes.
struct TagChange {
  int64_t id;
  TagSet before, after;
};

class TagRepository {
 public:
  // Tags in use whose key lies in [from, to] (all when `from` is empty), most used first.
  std::vector<TagUse> Suggest(storage::Connection& connection, const std::string& from,
                              const std::string& to, int64_t limit);

  // The listed customers that exist, with what their tag links copy. PostgreSQL: locked in id
  // order (FOR NO KEY UPDATE), so two bulk actions cannot deadlock and no save slips between
  // the read and the write. `ids` sorted.
  std::unordered_map<int64_t, LinkedCustomer> LockCustomers(storage::Connection& connection,
                                                            const std::vector<int64_t>& ids);
  // The tags of each listed customer.
  std::unordered_map<int64_t, TagSet> TagsOf(storage::Connection& connection,
                                             const std::vector<int64_t>& ids);
  // Existing tags by key: key -> (id, name as first written).
  std::map<std::string, std::pair<int64_t, std::string>> FindByKeys(
      storage::Connection& connection, const std::vector<std::string>& keys);
  // Creates the tag unless a tag with its key exists.
  void InsertIfMissing(storage::Connection& connection, const std::string& name,
                       const std::string& key);
  // Links every tag of `tag_ids` to every customer of `customers` (skipping links that exist).
  void Link(storage::Connection& connection,
            const std::vector<std::pair<int64_t, const LinkedCustomer*>>& customers,
            const std::vector<int64_t>& tag_ids);
  void Unlink(storage::Connection& connection, const std::vector<int64_t>& customer_ids,
              const std::vector<int64_t>& tag_ids);
  // version + 1 and updated_at on each listed customer.
  void Touch(storage::Connection& connection, const std::vector<int64_t>& customer_ids,
             time::Micros at);
  // The `customer_updated` events of a bulk action (what history::RecordEvent writes for one
  // customer, with the same kind) in ONE statement rather than 10,000: one round trip on
  // PostgreSQL, one pass of SQLite's statement bookkeeping.
  void RecordTagEvents(storage::Connection& connection, std::span<const TagChange> changes,
                       const history::EventActor& actor, time::Micros at);
};

}  // namespace cartera::customers
