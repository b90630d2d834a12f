#include "transfer/transfer_routes.hpp"

#include <boost/json.hpp>

#include <array>

#include "customers/customer_query.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "staff/staff_events.hpp"

namespace cartera::transfer {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

constexpr std::array<std::string_view, 2> kFormats = {"xlsx", "csv"};
constexpr std::array<std::string_view, 2> kBooleans = {"true", "false"};

// An export sent as a streamed body.
class ExportBody final : public http::BodySource {
 public:
  explicit ExportBody(std::shared_ptr<ExportStream> stream) : stream_(std::move(stream)) {}
  bool Next(std::string& out) override { return stream_->Next(out); }

 private:
  std::shared_ptr<ExportStream> stream_;
};

// The list filters as the privacy record keeps them: only those given.
json::object FiltersJson(const Request& request, const customers::ListQuery& query) {
  json::object filters;
  if (query.q) filters["q"] = *query.q;
  const std::pair<std::string_view, const std::optional<std::string>*> enums[] = {
      {"status", &query.status},
      {"temperature", &query.temperature},
      {"account_status", &query.account_status},
      {"registration_status", &query.registration_status}};
  for (const auto& [name, value] : enums) {
    if (*value) filters[name] = **value;
  }
  if (!query.tags.empty()) {
    json::array tags;
    for (const auto& tag : query.tags) tags.emplace_back(tag);
    filters["tags"] = std::move(tags);
  }
  if (const auto sort = request.QueryValue("sort"); sort && !sort->empty()) {
    filters["sort"] = *sort;
  }
  return filters;
}

json::object ReportJson(const ImportReport& report) {
  json::array errors;
  for (const auto& error : report.errors) {
    errors.push_back({{"row", error.row},
                      {"field", error.field},
                      {"code", error.code},
                      {"message", error.message}});
  }
  json::array warnings;
  for (const auto& warning : report.warnings) {
    warnings.push_back({{"column", warning.column},
                        {"header", warning.header},
                        {"code", warning.code},
                        {"message", warning.message}});
  }
  return {{"dry_run", report.dry_run},
          {"format", report.format},
          {"rows", report.rows},
          {"created", report.created},
          {"updated", report.updated},
          {"unchanged", report.unchanged},
          {"errors", std::move(errors)},
          {"error_count", report.error_count},
          {"warnings", std::move(warnings)}};
}

// 422 for a real import with bad rows: the report's members, with `errors` (the row of each,
// which the generic field errors have no place for) last. The error has no field errors of its
// own, so the problem+json body takes `errors` from the members.
Error ImportRefused(const ImportReport& report) {
  json::object members = ReportJson(report);
  json::value errors = std::move(members["errors"]);
  members.erase("errors");
  members["errors"] = std::move(errors);
  const std::string detail =
      std::to_string(report.error_count) + " problem(s) found in the file; nothing was imported.";
  return WithMembers(MakeError(ErrorCode::kValidation, "validation_failed", detail),
                     std::move(members));
}

}  // namespace

void RegisterRoutes(http::Router& router, ExportService& exports, ImportService& imports,
                    storage::Database& database) {
  router.Add(
      "GET", "/api/v1/customers/export", Access::kStaffRead,
      [&exports](Request& request) -> Result<Response> {
        std::vector<FieldError> errors;
        std::optional<std::string> format;
        http::ReadQueryEnum(request, "format", kFormats, format, errors);
        auto query = customers::ParseListQuery(request);
        if (!query.ok()) {
          for (auto& field : query.error().fields) errors.push_back(field);
        }
        if (!errors.empty()) return ValidationError(std::move(errors));
        ExportRequest export_request;
        export_request.format = format.value_or("xlsx") == "csv" ? Format::kCsv : Format::kXlsx;
        export_request.filters = FiltersJson(request, *query);
        export_request.query = std::move(*query);
        // Without a sort or search of its own, a file comes in the order customers were
        // added: the table's order, read without a jump per row (twice as fast as by name at
        // 1M customers).
        if (!request.QueryValue("sort") && !export_request.query.q) {
          export_request.query.sort = customers::SortOrder::kId;
        }
        export_request.staff_id = request.principal.id;
        export_request.staff_name = history::ActorOf(request.principal).name.value_or("");
        const bool csv = export_request.format == Format::kCsv;
        Response response;
        response.content_type =
            csv ? "text/csv; charset=utf-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        response.SetHeader("Content-Disposition", "attachment; filename=\"clientes-" +
                                                      time::FormatDate(time::Now()) +
                                                      (csv ? ".csv\"" : ".xlsx\""));
        response.SetHeader("Cache-Control", "no-store");
        response.SetHeader("X-Content-Type-Options", "nosniff");
        response.stream = std::make_shared<ExportBody>(exports.Open(std::move(export_request)));
        return response;
      });

  router.Add(
      "POST", "/api/v1/customers/import", Access::kStaffWrite,
      [&imports](Request& request) -> Result<Response> {
        std::vector<FieldError> errors;
        std::optional<std::string> dry_run;
        http::ReadQueryEnum(request, "dry_run", kBooleans, dry_run, errors);
        if (!errors.empty()) return ValidationError(std::move(errors));
        ImportOptions options;
        options.dry_run = dry_run.value_or("true") == "true";
        options.actor = history::ActorOf(request.principal);
        TRY_ASSIGN(const auto report, imports.Import(request.body, options));
        if (!report.dry_run && report.error_count > 0) return ImportRefused(report);
        return http::JsonResponse(200, ReportJson(report));
      },
      http::RouteOptions{.max_body_bytes = kMaxImportBytes});

  router.Add(
      "GET", "/api/v1/staff/{id}/events", Access::kStaffRead,
      [&database](Request& request) -> Result<Response> {
        const auto id = ParseId(request.PathParam("id"));
        if (!id) return NotFound("staff user");
        const auto& principal = request.principal;
        // Anyone reads their own record; owners and admins read everyone's.
        if (*id != principal.id && principal.role != StaffRole::kOwner &&
            principal.role != StaffRole::kAdmin) {
          return MakeError(ErrorCode::kPermissionDenied, "forbidden",
                           "Only owners and admins see other users' activity.");
        }
        int64_t limit = 50;
        std::optional<std::string> cursor;
        std::vector<FieldError> errors;
        http::ReadPaging(request, 50, limit, cursor, errors);
        if (!errors.empty()) return ValidationError(std::move(errors));
        TRY_ASSIGN(const auto page, staff::ListStaffEvents(database, *id, cursor, limit));
        json::array items;
        for (const auto& event : page.items) {
          items.push_back(
              {{"id", std::to_string(event.id)},
               {"type", event.type},
               {"at", time::FormatRfc3339(event.at)},
               {"staff", {{"id", std::to_string(event.staff_id)}, {"name", event.staff_name}}},
               {"data", event.data}});
        }
        return http::JsonResponse(
            200, {{"items", std::move(items)},
                  {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : nullptr}});
      });
}

}  // namespace cartera::transfer
