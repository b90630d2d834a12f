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
          {"priority", note.priority},
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

}  // namespace

void RegisterRoutes(http::Router& router, NoteService& notes) {
  router.Add("GET", "/api/v1/customers/{id}/notes", Access::kStaffRead, [&notes](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("customer"));
    int64_t limit = 50;
    std::optional<std::string> cursor;
    std::vector<FieldError> errors;
    http::ReadPaging(request, 50, limit, cursor, errors);
    if (!errors.empty()) return http::ProblemResponse(ValidationError(std::move(errors)));
    auto page = notes.List(*id, cursor, limit);
    if (!page.ok()) return http::ProblemResponse(page.error());
    json::array items;
    for (const auto& note : page->items) items.push_back(ToJson(note));
    return http::JsonResponse(
        200, {{"items", std::move(items)},
              {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
  });

  router.Add(
      "POST", "/api/v1/customers/{id}/notes", Access::kStaffWrite, [&notes](Request& request) {
        const auto id = ParseId(request.PathParam("id"));
        if (!id) return http::ProblemResponse(NotFound("customer"));
        auto body = http::ParseJsonObject(request.body);
        if (!body.ok()) return http::ProblemResponse(body.error());
        http::FieldReader reader(*body);
        const auto text = reader.String("body", {.max_length = kMaxBodyLength, .required = true});
        const auto priority = reader.Enum("priority", kPriorities, false);
        if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
        auto created =
            notes.Create(*id, *text.value, priority.value.value_or("none"), AuthorOf(request));
        if (!created.ok()) return http::ProblemResponse(created.error());
        return NoteResponse(201, *created);
      });

  router.Add("PATCH", "/api/v1/notes/{id}", Access::kStaffWrite, [&notes](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    const auto current = id ? notes.Find(*id) : std::nullopt;
    if (!current) return http::ProblemResponse(NotFound("note"));
    if (auto fresh = CheckVersion(http::ExpectedVersion(request, std::nullopt), current->version);
        !fresh.ok()) {
      return http::ProblemResponse(fresh.error());
    }
    auto body = http::ParseJsonObject(request.body);
    if (!body.ok()) return http::ProblemResponse(body.error());
    http::FieldReader reader(*body);
    const auto text =
        reader.String("body", {.max_length = kMaxBodyLength, .required = false, .nullable = false});
    const auto priority = reader.Enum("priority", kPriorities, false);
    const auto version = reader.Integer("version", 1, INT64_MAX, true);
    if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
    auto updated = notes.Update(*id, text.value, priority.value,
                                http::ExpectedVersion(request, version.value), AuthorOf(request));
    if (!updated.ok()) return http::ProblemResponse(updated.error());
    return NoteResponse(200, *updated);
  });

  router.Add("DELETE", "/api/v1/notes/{id}", Access::kStaffWrite, [&notes](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound("note"));
    if (auto deleted = notes.Delete(*id, AuthorOf(request)); !deleted.ok()) {
      return http::ProblemResponse(deleted.error());
    }
    Response response = http::NoContent();
    return response;
  });
}

}  // namespace cartera::notes
