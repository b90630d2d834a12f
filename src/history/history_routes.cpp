#include "history/history_routes.hpp"

#include "common/log.hpp"
#include "common/text.hpp"
#include "history/event_log.hpp"
#include "history/file_type.hpp"
#include "http/json_input.hpp"
#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::history {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

Author AuthorOf(const Request& request) {
  const auto& principal = request.principal;
  return Author{principal.id, principal.name.empty() ? principal.email : principal.name};
}

Response ItemResponse(unsigned status, const Event& event) {
  return http::JsonResponse(status, EventJson(event));
}

// `kind` may repeat (kind=note&kind=comment) and each value may list several, comma-separated
// (kind=note,comment). Every value must be one of history::kEventKinds.
void ReadKinds(const Request& request, std::vector<std::string>& kinds,
               std::vector<FieldError>& errors) {
  for (const std::string_view value : request.QueryValues("kind")) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t end = value.find(',', start);
      if (end == std::string_view::npos) end = value.size();
      const std::string_view kind = text::Trim(value.substr(start, end - start));
      start = end + 1;
      if (kind.empty()) continue;
      const auto& allowed = history::kEventKinds;
      if (std::find(allowed.begin(), allowed.end(), kind) == allowed.end()) {
        errors.push_back({"kind", "invalid_enum",
                          "One of created, updated, login, note, comment, attachment, message, "
                          "order, status."});
        return;
      }
      kinds.emplace_back(kind);
    }
  }
}

enum class Scope { kCustomer, kContact };

Result<Response> List(HistoryService& history, Request& request, Scope scope) {
  const auto id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(scope == Scope::kContact ? "contact" : "customer");
  int64_t limit = 50;
  std::optional<std::string> cursor;
  std::vector<FieldError> errors;
  http::ReadPaging(request, 50, limit, cursor, errors);
  std::vector<std::string> kinds;
  ReadKinds(request, kinds, errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  TRY_ASSIGN(const auto page, scope == Scope::kContact
                                  ? history.ListForContact(*id, kinds, cursor, limit)
                                  : history.List(*id, kinds, cursor, limit));
  json::array items;
  for (const auto& event : page.items) items.push_back(EventJson(event));
  return http::JsonResponse(
      200, {{"items", std::move(items)},
            {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : nullptr}});
}

Result<Response> Comment(HistoryService& history, Request& request) {
  const auto id = ParseId(request.PathParam("id"));
  if (!id) return NotFound("customer");
  TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
  http::FieldReader reader(body);
  const auto text = reader.String("body", {.max_length = kMaxCommentLength, .required = true});
  if (!reader.ok()) return ValidationError(reader.errors());
  TRY_ASSIGN(const auto created, history.AddComment(*id, *text.value, AuthorOf(request)));
  return ItemResponse(201, created);
}

Result<Response> Upload(HistoryService& history, Request& request) {
  const auto id = ParseId(request.PathParam("id"));
  if (!id) return NotFound("customer");
  TRY_ASSIGN(const auto boundary,
             http::MultipartBoundary(request.Header("content-type").value_or("")));
  TRY_ASSIGN(const auto parts, http::ParseMultipart(request.body, boundary));
  const http::MultipartPart* file = nullptr;
  std::vector<FieldError> errors;
  json::object fields;  // the text parts, read with the same rules as JSON fields
  for (const auto& part : parts) {
    if (part.name == "file") {
      if (file) {
        errors.push_back({"file", "too_many", "Send one file per request."});
        break;
      }
      file = &part;
    } else if (part.name == "comment") {
      if (!text::IsValidUtf8(part.content)) {
        errors.push_back({"comment", "invalid", "The comment is not valid UTF-8."});
      } else {
        fields["comment"] = part.content;
      }
    }
  }
  if (!file && errors.empty()) errors.push_back({"file", "required", "Send a `file` part."});
  http::FieldReader reader(fields);
  const auto comment = reader.String("comment", {.max_length = kMaxCommentLength});
  for (const auto& error : reader.errors()) errors.push_back(error);
  if (!errors.empty()) return ValidationError(std::move(errors));
  TRY_ASSIGN(const auto created,
             history.AddAttachment(*id, file->content, file->filename.value_or(""), comment.value,
                                   AuthorOf(request)));
  return ItemResponse(201, created);
}

Result<Response> Download(HistoryService& history, Request& request) {
  const auto id = ParseId(request.PathParam("id"));
  const auto attachment = id ? history.FindAttachment(*id) : std::nullopt;
  if (!attachment) return NotFound("attachment");
  const std::string etag = "\"" + attachment->sha256 + "\"";
  Response response;
  if (request.Header("if-none-match") == std::optional<std::string_view>(etag)) {
    response.status = 304;
    response.content_type.clear();
  } else {
    auto content = history.ReadContent(*attachment);
    if (!content) {
      log::Error("attachment_file_missing",
                 {{"attachment_id", attachment->id},
                  {"path", history.store().PathOf(attachment->sha256).string()}});
      return MakeError(ErrorCode::kInternal, "internal",
                       "The file is missing on the server; it has been logged.");
    }
    response.content_type = attachment->content_type;
    response.body = std::move(*content);
  }
  // The type was sniffed on upload and only these types are stored; nosniff keeps the browser
  // from guessing another, the sandbox keeps anything that still renders from running script
  // in this origin. Chrome's PDF viewer does not run in a sandboxed document, so PDFs (which
  // are not HTML and get no script access to the page) go without the sandbox.
  const bool pdf = attachment->content_type == "application/pdf";
  const bool inline_shown = pdf || attachment->content_type.rfind("image/", 0) == 0;
  response.SetHeader("Content-Disposition", ContentDisposition(inline_shown, attachment->name))
      .SetHeader("X-Content-Type-Options", "nosniff")
      .SetHeader("Content-Security-Policy",
                 pdf ? "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                       "object-src 'self'"
                     : "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' "
                       "data:")
      .SetHeader("Cross-Origin-Resource-Policy", "same-origin")
      .SetHeader("Cache-Control", "private, no-cache")
      .SetHeader("ETag", etag);
  return response;
}

}  // namespace

void RegisterRoutes(http::Router& router, HistoryService& history) {
  router.Add("GET", "/api/v1/customers/{id}/history", Access::kStaffRead,
             [&history](Request& request) { return List(history, request, Scope::kCustomer); });
  router.Add("GET", "/api/v1/contacts/{id}/history", Access::kStaffRead,
             [&history](Request& request) { return List(history, request, Scope::kContact); });
  router.Add("POST", "/api/v1/customers/{id}/history/comments", Access::kStaffWrite,
             [&history](Request& request) { return Comment(history, request); });
  router.Add(
      "POST", "/api/v1/customers/{id}/history/attachments", Access::kStaffWrite,
      [&history](Request& request) { return Upload(history, request); },
      // 20 MB over a slow uplink (0.6 Mbit/s) still arrives within the body timeout.
      http::RouteOptions{.max_body_bytes = kMaxUploadBodyBytes,
                         .body_timeout = std::chrono::seconds(300)});
  router.Add("GET", "/api/v1/attachments/{id}", Access::kStaffRead,
             [&history](Request& request) { return Download(history, request); });
}

}  // namespace cartera::history
