#include "notes/note_service.hpp"

#include "common/cursor.hpp"
#include "history/event_log.hpp"

namespace cartera::notes {
namespace {

using storage::Connection;

constexpr std::string_view kColumns =
    "id, customer_id, body, priority, author_id, author_name, created_at, updated_at, version, "
    "priority_rank";

int64_t Rank(std::string_view priority) {
  return priority == "high" ? 0 : priority == "medium" ? 1 : 2;
}

Note FromRow(const storage::Row& row) {
  return Note{row.Int(0),  row.Int(1), row.Text(2), row.Text(3), row.OptionalInt(4),
              row.Text(5), row.Int(6), row.Int(7),  row.Int(8)};
}

std::optional<Note> FindIn(Connection& connection, int64_t id) {
  const auto rows =
      connection.Query("SELECT " + std::string(kColumns) + " FROM notes WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

bool CustomerExists(Connection& connection, int64_t id) {
  return !connection.Query("SELECT 1 FROM customers WHERE id = $1", {id}).empty();
}

history::EventActor Staff(const Author& author) {
  return history::EventActor{"staff", author.id, author.name};
}

// The cursor key: rank and creation time, so the next page continues the same order.
std::string Key(const Note& note) {
  return std::to_string(Rank(note.priority)) + ":" + std::to_string(note.created_at);
}

}  // namespace

Result<NotePage> NoteService::List(int64_t customer_id, std::optional<std::string> cursor,
                                   int64_t limit) {
  auto connection = database_.Acquire();
  if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
  std::string sql = "SELECT " + std::string(kColumns) + " FROM notes WHERE customer_id = $1";
  storage::Params params = {customer_id};
  if (cursor) {
    TRY_ASSIGN(const auto position, cursor::Decode("notes", *cursor));
    const size_t colon = position.key.find(':');
    if (colon == std::string::npos) return cursor::Invalid();
    int64_t rank = 0, created = 0;
    try {
      rank = std::stoll(position.key.substr(0, colon));
      created = std::stoll(position.key.substr(colon + 1));
    } catch (const std::exception&) {
      return cursor::Invalid();
    }
    // After (rank, created_at DESC, id DESC) of the last note given.
    sql +=
        " AND (priority_rank > $2 OR (priority_rank = $2 AND (created_at < $3 OR (created_at = "
        "$3 AND id < $4))))";
    params.insert(params.end(), {rank, created, position.id});
  }
  sql += " ORDER BY priority_rank, created_at DESC, id DESC LIMIT $" +
         std::to_string(params.size() + 1);
  params.emplace_back(limit + 1);
  NotePage page;
  for (const auto& row : connection->Query(sql, params)) page.items.push_back(FromRow(row));
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = cursor::Encode("notes", {Key(page.items.back()), page.items.back().id});
  }
  return page;
}

std::optional<Note> NoteService::Find(int64_t id) {
  auto connection = database_.Acquire();
  return FindIn(*connection, id);
}

Result<Note> NoteService::Create(int64_t customer_id, std::string body, std::string priority,
                                 const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Result<Note> {
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    Note note{0,         customer_id, std::move(body), std::move(priority),
              author.id, author.name, time::Now(),     0,
              1};
    note.updated_at = note.created_at;
    note.id = connection
                  .Query(
                      "INSERT INTO notes (customer_id, body, priority, priority_rank, author_id, "
                      "author_name, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, "
                      "$6, $7, $8, 1) RETURNING id",
                      {customer_id, note.body, note.priority, Rank(note.priority),
                       storage::Nullable(note.author_id), note.author_name, note.created_at,
                       note.updated_at})
                  .at(0)
                  .Int(0);
    history::RecordEvent(
        connection, customer_id, std::nullopt, "note_added", Staff(author),
        {{"note_id", std::to_string(note.id)}, {"priority", note.priority}, {"body", note.body}},
        note.created_at);
    return note;
  });
}

Result<Note> NoteService::Update(int64_t id, std::optional<std::string> body,
                                 std::optional<std::string> priority,
                                 std::optional<int64_t> version, const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Result<Note> {
    storage::LockRow(connection, "notes", id);
    auto note = FindIn(connection, id);
    if (!note) return NotFound("note");
    if (version && *version != note->version) {
      return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                       "This note changed since you read it; reload it.");
    }
    boost::json::array changes;
    if (body && *body != note->body) {
      changes.push_back({{"field", "body"}, {"from", note->body}, {"to", *body}});
      note->body = *body;
    }
    if (priority && *priority != note->priority) {
      changes.push_back({{"field", "priority"}, {"from", note->priority}, {"to", *priority}});
      note->priority = *priority;
    }
    if (changes.empty()) return *note;
    note->updated_at = time::Now();
    note->version += 1;
    connection.Execute(
        "UPDATE notes SET body = $1, priority = $2, priority_rank = $3, updated_at = $4, "
        "version = $5 WHERE id = $6",
        {note->body, note->priority, Rank(note->priority), note->updated_at, note->version, id});
    history::RecordEvent(connection, note->customer_id, std::nullopt, "note_updated", Staff(author),
                         {{"note_id", std::to_string(id)}, {"changes", std::move(changes)}},
                         note->updated_at);
    return *note;
  });
}

Status NoteService::Delete(int64_t id, const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    const auto note = FindIn(connection, id);
    if (!note) return NotFound("note");
    connection.Execute("DELETE FROM notes WHERE id = $1", {id});
    history::RecordEvent(
        connection, note->customer_id, std::nullopt, "note_deleted", Staff(author),
        {{"note_id", std::to_string(id)}, {"priority", note->priority}, {"body", note->body}},
        time::Now());
    return Ok{};
  });
}

}  // namespace cartera::notes
