#include "notes/note_routes.hpp"

#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::notes {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

json::object ToJson(const Note& note) {
  return {{"id", std::to_string(note.id)},
          {"customer_id", std::to_string(note.customer_id)},
          {"body", note.body},
          {"priority", Name(note.priority)},
          {"author",
           {{"id", note.author_id ? json::value(std::to_string(*note.author_id)) : nullptr},
            {"name", note.author_name}}},
          {"created_at", time::FormatRfc3339(note.created_at)},
          {"updated_at", time::FormatRfc3339(note.updated_at)},
          {"version", note.version}};
}

Response NoteResponse(unsigned status, const Note& note) {
  Response response = http::JsonResponse(status, ToJson(note));
  return std::move(http::WithEtag(response, note.version));
}

Author AuthorOf(const Request& request) {
  const auto& principal = request.principal;
  return Author{principal.id, principal.name.empty() ? principal.email : principal.name};
}

std::optional<Priority> ReadPriority(http::FieldReader& reader) {
  const auto priority = reader.Enum("priority", kPriorities, false);
  return priority.value ? ParsePriority(*priority.value) : std::nullopt;
}

}  // namespace

void RegisterRoutes(http::Router& router, NoteService& notes) {
  router.Add("GET", "/api/v1/customers/{id}/notes", Access::kStaffRead,
             [&notes](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const int64_t limit, http::ParseLimit(request, 50));
               std::optional<std::string> cursor;
               if (const auto text = request.QueryValue("cursor"); text && !text->empty()) {
                 cursor = std::string(*text);
               }
               TRY_ASSIGN(const auto page, notes.List(id, cursor, limit));
               json::array items;
               for (const auto& note : page.items) items.push_back(ToJson(note));
               return http::JsonResponse(
                   200,
                   {{"items", std::move(items)},
                    {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : nullptr}});
             });

  router.Add(
      "POST", "/api/v1/customers/{id}/notes", Access::kStaffWrite,
      [&notes](Request& request) -> Result<Response> {
        TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
        TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
        http::FieldReader reader(body);
        const auto text = reader.String("body", {.max_length = kMaxBodyLength, .required = true});
        const auto priority = ReadPriority(reader);
        if (!reader.ok()) return ValidationError(reader.errors());
        TRY_ASSIGN(
            const auto created,
            notes.Create(id, *text.value, priority.value_or(Priority::kNone), AuthorOf(request)));
        return NoteResponse(201, created);
      });

  router.Add("PATCH", "/api/v1/notes/{id}", Access::kStaffWrite,
             [&notes](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "note"));
               // A stale If-Match is answered before the body is judged.
               TRY_ASSIGN(const auto current, notes.Get(id));
               TRY(http::CheckIfMatch(request, current.version));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const auto text = reader.String(
                   "body", {.max_length = kMaxBodyLength, .required = false, .nullable = false});
               const auto priority = ReadPriority(reader);
               const auto version = reader.Integer("version", 1, INT64_MAX, true);
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(
                   const auto updated,
                   notes.Update(id, text.value, priority,
                                http::ExpectedVersion(request, version.value), AuthorOf(request)));
               return NoteResponse(200, updated);
             });

  router.Add("DELETE", "/api/v1/notes/{id}", Access::kStaffWrite,
             [&notes](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "note"));
               TRY(notes.Delete(id, AuthorOf(request)));
               return http::NoContent();
             });
}

}  // namespace cartera::notes
