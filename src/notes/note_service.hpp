#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

// Notes on a customer (F6): text, a priority, an author; listed by priority, then newest.
namespace cartera::notes {

inline constexpr std::array<std::string_view, 3> kPriorities = {"high", "medium", "none"};
inline constexpr size_t kMaxBodyLength = 5000;

struct Note {
  int64_t id = 0;
  int64_t customer_id = 0;
  std::string body;
  std::string priority = "none";
  std::optional<int64_t> author_id;
  std::string author_name;
  time::Micros created_at = 0, updated_at = 0;
  int64_t version = 1;
};

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
  std::optional<Note> Find(int64_t id);
  // Errors: kNotFound (customer).
  Result<Note> Create(int64_t customer_id, std::string body, std::string priority,
                      const Author& author);
  // Errors: kNotFound, kFailedPrecondition.
  Result<Note> Update(int64_t id, std::optional<std::string> body,
                      std::optional<std::string> priority, std::optional<int64_t> version,
                      const Author& author);
  // Errors: kNotFound.
  Status Delete(int64_t id, const Author& author);

 private:
  storage::Database& database_;
};

}  // namespace cartera::notes
