#include "mail/mail_routes.hpp"

#include "http/problem.hpp"
#include "http/resource.hpp"
#include "mail/outbox.hpp"

namespace cartera::mail {
namespace {

namespace json = boost::json;

json::value OptionalTime(const std::optional<time::Micros>& at) {
  return at ? json::value(time::FormatRfc3339(*at)) : json::value(nullptr);
}

json::object ToJson(const MessageSummary& message) {
  return {{"id", std::to_string(message.id)},
          {"channel", "email"},
          {"contact_id",
           message.contact_id ? json::value(std::to_string(*message.contact_id)) : nullptr},
          {"to", message.to_address},
          {"subject", message.subject},
          {"template", message.template_name},
          {"status", message.status},
          {"attempts", message.attempts},
          {"last_error", message.last_error ? json::value(*message.last_error) : nullptr},
          {"created_at", time::FormatRfc3339(message.created_at)},
          {"sent_at", OptionalTime(message.sent_at)}};
}

}  // namespace

void RegisterRoutes(http::Router& router, storage::Database& database) {
  router.Add(
      "GET", "/api/v1/customers/{id}/messages", http::Access::kStaffRead,
      [&database](http::Request& request) {
        const auto id = http::ParseId(request.PathParam("id"));
        if (!id) return http::ProblemResponse(NotFound("customer"));
        int64_t limit = 50;
        std::optional<std::string> cursor, status;
        std::vector<FieldError> errors;
        http::ReadPaging(request, 50, limit, cursor, errors);
        http::ReadQueryEnum(request, "status", kStatuses, status, errors);
        if (!errors.empty()) return http::ProblemResponse(ValidationError(std::move(errors)));
        auto page = ListCustomerMessages(database, *id, status, cursor, limit);
        if (!page.ok()) return http::ProblemResponse(page.error());
        json::array items;
        for (const auto& message : page->items) items.push_back(ToJson(message));
        return http::JsonResponse(
            200, {{"items", std::move(items)},
                  {"next_cursor", page->next_cursor ? json::value(*page->next_cursor) : nullptr}});
      });
}

}  // namespace cartera::mail
