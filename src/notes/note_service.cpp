#include "notes/note_service.hpp"

#include "common/cursor.hpp"
#include "common/version.hpp"
#include "customers/customer_repository.hpp"
#include "history/event_log.hpp"

namespace cartera::notes {
namespace {

using storage::Connection;

constexpr std::string_view kListName = "notes";

bool CustomerExists(Connection& connection, int64_t id) {
  return customers::CustomerRepository{}.FindById(connection, id).has_value();
}

history::EventActor Staff(const Author& author) {
  return history::EventActor{"staff", author.id, author.name};
}

// The cursor key: rank and creation time, so the next page continues the same order.
std::string Key(const Note& note) {
  return std::to_string(static_cast<int>(note.priority)) + ":" + std::to_string(note.created_at);
}

// The position a cursor names. Errors: kInvalidArgument (cursor).
Result<NotePosition> PositionOf(const std::string& cursor) {
  TRY_ASSIGN(const auto position, cursor::Decode(kListName, cursor));
  const size_t colon = position.key.find(':');
  if (colon == std::string::npos) return cursor::Invalid();
  try {
    return NotePosition{std::stoll(position.key.substr(0, colon)),
                        std::stoll(position.key.substr(colon + 1)), position.id};
  } catch (const std::exception&) {
    return cursor::Invalid();
  }
}

}  // namespace

Result<NotePage> NoteService::List(int64_t customer_id, std::optional<std::string> cursor,
                                   int64_t limit) {
  auto connection = database_.Acquire();
  if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
  std::optional<NotePosition> after;
  if (cursor) {
    TRY_ASSIGN(after, PositionOf(*cursor));
  }
  NotePage page;
  page.items = notes_.List(*connection, customer_id, after, limit + 1);
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = cursor::Encode(kListName, {Key(page.items.back()), page.items.back().id});
  }
  return page;
}

Result<Note> NoteService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto note = notes_.Find(*connection, id);
  if (!note) return NotFound("note");
  return std::move(*note);
}

Result<Note> NoteService::Create(int64_t customer_id, std::string body, Priority priority,
                                 const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Result<Note> {
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    Note note{0, customer_id, std::move(body), priority, author.id, author.name, time::Now(), 0, 1};
    note.updated_at = note.created_at;
    note.id = notes_.Insert(connection, note);
    history::RecordEvent(connection, customer_id, std::nullopt, "note_added", Staff(author),
                         {{"note_id", std::to_string(note.id)},
                          {"priority", Name(note.priority)},
                          {"body", note.body}},
                         note.created_at);
    return note;
  });
}

Result<Note> NoteService::Update(int64_t id, std::optional<std::string> body,
                                 std::optional<Priority> priority, std::optional<int64_t> version,
                                 const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Result<Note> {
    notes_.Lock(connection, id);
    auto note = notes_.Find(connection, id);
    if (!note) return NotFound("note");
    TRY(CheckVersion(version, note->version));
    boost::json::array changes;
    if (body && *body != note->body) {
      changes.push_back({{"field", "body"}, {"from", note->body}, {"to", *body}});
      note->body = *body;
    }
    if (priority && *priority != note->priority) {
      changes.push_back(
          {{"field", "priority"}, {"from", Name(note->priority)}, {"to", Name(*priority)}});
      note->priority = *priority;
    }
    if (changes.empty()) return *note;
    note->updated_at = time::Now();
    note->version += 1;
    notes_.Update(connection, *note);
    history::RecordEvent(connection, note->customer_id, std::nullopt, "note_updated", Staff(author),
                         {{"note_id", std::to_string(id)}, {"changes", std::move(changes)}},
                         note->updated_at);
    return *note;
  });
}

Status NoteService::Delete(int64_t id, const Author& author) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    const auto note = notes_.Find(connection, id);
    if (!note) return NotFound("note");
    notes_.Delete(connection, id);
    history::RecordEvent(
        connection, note->customer_id, std::nullopt, "note_deleted", Staff(author),
        {{"note_id", std::to_string(id)}, {"priority", Name(note->priority)}, {"body", note->body}},
        time::Now());
    return Ok{};
  });
}

}  // namespace cartera::notes
