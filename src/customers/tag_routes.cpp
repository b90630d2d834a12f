#include "customers/tag_routes.hpp"

#include "common/text.hpp"
#include "customers/customer.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::customers {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

// Ids are opaque strings of at most this many characters.
constexpr size_t kMaxIdLength = 40;

}  // namespace

void RegisterTagRoutes(http::Router& router, TagService& tags) {
  router.Add(
      "GET", "/api/v1/tags", Access::kStaffRead, [&tags](Request& request) -> Result<Response> {
        std::vector<FieldError> errors;
        const auto q = request.QueryValue("q").value_or("");
        if (text::CodePointCount(q) > kMaxTagLength) {
          errors.push_back(
              {"q", "too_long", "At most " + std::to_string(kMaxTagLength) + " characters."});
        }
        int64_t limit = 20;
        if (auto parsed = http::ParseLimit(request, 20);
            !parsed.ok() || *parsed > kMaxSuggestions) {
          errors.push_back({"limit", "out_of_range", "A whole number from 1 to 100."});
        } else {
          limit = *parsed;
        }
        if (!errors.empty()) return ValidationError(std::move(errors));
        json::array items;
        for (const auto& tag : tags.Suggest(q, limit)) {
          items.push_back({{"name", tag.name}, {"customer_count", tag.customer_count}});
        }
        return http::JsonResponse(200, {{"items", std::move(items)}});
      });

  router.Add("POST", "/api/v1/customers/bulk/tags", Access::kStaffWrite,
             [&tags](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               auto ids = reader.StringList("customer_ids", kMaxBulkCustomers, kMaxIdLength);
               if (!ids.present) {
                 reader.AddError("customer_ids", "required", "Select at least one customer.");
               }
               auto add = reader.StringList("add", kMaxBulkTags, kMaxTagLength);
               auto remove = reader.StringList("remove", kMaxBulkTags, kMaxTagLength);
               if (!reader.ok()) return ValidationError(reader.errors());
               BulkTagChange change;
               for (const auto& id : ids.value.value_or(std::vector<std::string>{})) {
                 change.customer_ids.push_back(ParseId(id));
               }
               change.add = add.value.value_or(std::vector<std::string>{});
               change.remove = remove.value.value_or(std::vector<std::string>{});
               TRY_ASSIGN(const auto applied,
                          tags.ApplyBulk(change, history::ActorOf(request.principal)));
               return http::JsonResponse(
                   200, {{"updated", applied.updated}, {"unchanged", applied.unchanged}});
             });
}

}  // namespace cartera::customers
