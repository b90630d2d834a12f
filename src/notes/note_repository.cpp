#include "notes/note_repository.hpp"

#include "common/enum_names.hpp"

namespace cartera::notes {
namespace {

using storage::Connection;

constexpr std::string_view kSelect =
    "SELECT id, customer_id, body, priority, author_id, author_name, created_at, updated_at, "
    "version, priority_rank FROM notes ";
constexpr std::string_view kWhereId = "WHERE id = $1";
// List: $1 customer, $2 limit; after a note also $3 rank, $4 created_at, $5 id.
constexpr std::string_view kWhereCustomer = "WHERE customer_id = $1";
constexpr std::string_view kAfter =
    " AND (priority_rank > $3 OR (priority_rank = $3 AND (created_at < $4 OR (created_at = $4 "
    "AND id < $5))))";
constexpr std::string_view kListOrder =
    " ORDER BY priority_rank, created_at DESC, id DESC LIMIT $2";
constexpr std::string_view kInsert =
    "INSERT INTO notes (customer_id, body, priority, priority_rank, author_id, author_name, "
    "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE notes SET body = $1, priority = $2, priority_rank = $3, updated_at = $4, version = $5 "
    "WHERE id = $6";
constexpr std::string_view kDelete = "DELETE FROM notes WHERE id = $1";
constexpr std::string_view kDeleteForCustomer = "DELETE FROM notes WHERE customer_id = $1";

int64_t Rank(Priority priority) { return static_cast<int64_t>(priority); }

Note FromRow(const storage::Row& row) {
  return Note{row.Int(0),         row.Int(1),
              row.Text(2),        ParsePriority(row.Text(3)).value_or(Priority::kNone),
              row.OptionalInt(4), row.Text(5),
              row.Int(6),         row.Int(7),
              row.Int(8)};
}

}  // namespace

std::string_view Name(Priority priority) { return NameIn(kPriorities, priority); }
std::optional<Priority> ParsePriority(std::string_view name) {
  return ParseIn<Priority>(kPriorities, name);
}

std::optional<Note> NoteRepository::Find(Connection& connection, int64_t id) {
  static const std::string sql = std::string(kSelect) + std::string(kWhereId);
  const auto rows = connection.Query(sql, {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

void NoteRepository::Lock(Connection& connection, int64_t id) {
  storage::LockRow(connection, "notes", id);
}

std::vector<Note> NoteRepository::List(Connection& connection, int64_t customer_id,
                                       const std::optional<NotePosition>& after, int64_t limit) {
  std::string sql = std::string(kSelect) + std::string(kWhereCustomer);
  storage::Params params = {customer_id, limit};
  if (after) {
    sql += kAfter;
    params.insert(params.end(), {after->rank, after->created_at, after->id});
  }
  sql += kListOrder;
  std::vector<Note> notes;
  for (const auto& row : connection.Query(sql, params)) notes.push_back(FromRow(row));
  return notes;
}

int64_t NoteRepository::Insert(Connection& connection, const Note& note) {
  return connection
      .Query(kInsert, {note.customer_id, note.body, std::string(Name(note.priority)),
                       Rank(note.priority), storage::Nullable(note.author_id), note.author_name,
                       note.created_at, note.updated_at})
      .at(0)
      .Int(0);
}

void NoteRepository::Update(Connection& connection, const Note& note) {
  connection.Execute(kUpdate, {note.body, std::string(Name(note.priority)), Rank(note.priority),
                               note.updated_at, note.version, note.id});
}

bool NoteRepository::Delete(Connection& connection, int64_t id) {
  return connection.Execute(kDelete, {id}) > 0;
}

void NoteRepository::DeleteForCustomer(Connection& connection, int64_t customer_id) {
  connection.Execute(kDeleteForCustomer, {customer_id});
}

}  // namespace cartera::notes
