#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"
#include "storage/database.hpp"

// Every statement on notes (migration 007).
namespace cartera::notes {

// Listed in this order: high first. The value is the stored priority_rank.
enum class Priority { kHigh, kMedium, kNone };
inline constexpr std::array<std::string_view, 3> kPriorities = {"high", "medium", "none"};
std::string_view Name(Priority priority);
std::optional<Priority> ParsePriority(std::string_view name);

struct Note {
  int64_t id = 0;
  int64_t customer_id = 0;
  std::string body;
  Priority priority = Priority::kNone;
  std::optional<int64_t> author_id;
  std::string author_name;
  time::Micros created_at = 0, updated_at = 0;
  int64_t version = 1;
};

// Where a page of notes starts: after this note in the list order (priority, newest first).
struct NotePosition {
  int64_t rank = 0;
  time::Micros created_at = 0;
  int64_t id = 0;
};

class NoteRepository {
 public:
  std::optional<Note> Find(storage::Connection& connection, int64_t id);
  // Inside a write transaction: holds the note's row until the commit (PostgreSQL).
  void Lock(storage::Connection& connection, int64_t id);
  // The customer's notes by priority, then newest first, after `after`; at most `limit`.
  std::vector<Note> List(storage::Connection& connection, int64_t customer_id,
                         const std::optional<NotePosition>& after, int64_t limit);
  // Inserts the note (version 1) and answers its id.
  int64_t Insert(storage::Connection& connection, const Note& note);
  // Writes body, priority, updated_at and version as given.
  void Update(storage::Connection& connection, const Note& note);
  bool Delete(storage::Connection& connection, int64_t id);
  // A customer deleted (F3).
  void DeleteForCustomer(storage::Connection& connection, int64_t customer_id);
};

}  // namespace cartera::notes
