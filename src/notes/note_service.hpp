#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "notes/note_repository.hpp"
#include "storage/database.hpp"

// Notes on a customer (F6): text, a priority, an author; listed by priority, then newest.
namespace cartera::notes {

inline constexpr size_t kMaxBodyLength = 5000;

struct NotePage {
  std::vector<Note> items;
  std::optional<std::string> next_cursor;
};

struct Author {
  int64_t id = 0;
  std::string name;
};

class NoteService {
 public:
  explicit NoteService(storage::Database& database) : database_(database) {}

  // Errors: kNotFound (customer), kInvalidArgument (cursor).
  Result<NotePage> List(int64_t customer_id, std::optional<std::string> cursor, int64_t limit);
  // Errors: kNotFound.
  Result<Note> Get(int64_t id);
  // Errors: kNotFound (customer).
  Result<Note> Create(int64_t customer_id, std::string body, Priority priority,
                      const Author& author);
  // Errors: kNotFound, kFailedPrecondition.
  Result<Note> Update(int64_t id, std::optional<std::string> body, std::optional<Priority> priority,
                      std::optional<int64_t> version, const Author& author);
  // Errors: kNotFound.
  Status Delete(int64_t id, const Author& author);

 private:
  storage::Database& database_;
  NoteRepository notes_;
};

}  // namespace cartera::notes
