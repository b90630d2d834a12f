#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "customers/tag_repository.hpp"
#include "history/event_log.hpp"
#include "storage/database.hpp"

// Tags (F5) across customers: suggestions from the tags in use and bulk add/remove on a
// selection. A customer's own tags are written with the customer (CustomerRepository); both
// share one normalisation: trimmed, unique by `text::Normalise` (case and accents ignored), shown
// as first written.
namespace cartera::customers {

inline constexpr size_t kMaxBulkCustomers = 10000;
inline constexpr size_t kMaxBulkTags = 20;
inline constexpr int64_t kMaxSuggestions = 100;

struct BulkTagChange {
  // The ids as sent, in order; nullopt for one that is not an id at all (reported as unknown).
  std::vector<std::optional<int64_t>> customer_ids;
  std::vector<std::string> add;     // trimmed, 1-50 characters each
  std::vector<std::string> remove;  // likewise
};

struct BulkTagResult {
  int64_t updated = 0;    // customers whose tags changed
  int64_t unchanged = 0;  // customers that already were as asked
};

class TagService {
 public:
  explicit TagService(storage::Database& database) : database_(database) {}

  // Tags carried by at least one customer whose normalised name starts with the normalised
  // `prefix` (all when empty), most used first, then by name; at most `limit`.
  std::vector<TagUse> Suggest(std::string_view prefix, int64_t limit);

  // Adds and removes tags on every listed customer in one transaction. Each customer whose tags
  // change gets version + 1, updated_at and a `customer_updated` event (`changes` of the field
  // `tags`, `bulk: true`). Errors, with nothing written: kValidation naming `customer_ids[i]`
  // (`not_found`; `too_many` when the customer would pass kMaxTags) or `remove[i]` (`invalid`:
  // also in `add`), `add` (`required`: no tag at all).
  Result<BulkTagResult> ApplyBulk(const BulkTagChange& change, const history::EventActor& actor);

 private:
  storage::Database& database_;
  TagRepository repository_;
};

}  // namespace cartera::customers
