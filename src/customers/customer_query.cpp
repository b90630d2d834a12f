#include "customers/customer_query.hpp"

#include "http/resource.hpp"

namespace cartera::customers {

Result<ListQuery> ParseListQuery(const http::Request& request) {
  ListQuery query;
  std::vector<FieldError> errors;
  const auto read_enum = [&](std::string_view name, std::span<const std::string_view> allowed,
                             std::optional<std::string>& target) {
    http::ReadQueryEnum(request, name, allowed, target, errors);
  };
  read_enum("status", kStatuses, query.status);
  read_enum("temperature", kTemperatures, query.temperature);
  read_enum("account_status", kAccountStatuses, query.account_status);
  read_enum("registration_status", kRegistrationStatuses, query.registration_status);
  if (const auto q = request.QueryValue("q"); q && !q->empty()) {
    if (q->size() > 200) {
      errors.push_back({"q", "too_long", "At most 200 characters."});
    } else {
      query.q = std::string(*q);
    }
  }
  const auto tags = request.QueryValues("tag");
  if (tags.size() > 20) errors.push_back({"tag", "too_many", "At most 20 tags."});
  for (const auto tag : tags) {
    if (!tag.empty()) query.tags.emplace_back(tag);
  }
  const auto sort = request.QueryValue("sort");
  if (!sort || sort->empty()) {
    query.sort = query.q ? SortOrder::kSearchNewest : SortOrder::kName;
  } else if (*sort == "name") {
    query.sort = SortOrder::kName;
  } else if (*sort == "-created_at") {
    query.sort = SortOrder::kNewest;
  } else if (*sort == "-last_order_at") {
    query.sort = SortOrder::kLastOrder;
  } else {
    errors.push_back({"sort", "invalid_enum", "One of: name, -created_at, -last_order_at."});
  }
  if (auto limit = http::ParseLimit(request); limit.ok()) {
    query.limit = *limit;
  } else {
    for (const auto& field : limit.error().fields) errors.push_back(field);
  }
  if (const auto cursor = request.QueryValue("cursor"); cursor && !cursor->empty()) {
    query.cursor = std::string(*cursor);
  }
  const auto include_total = request.QueryValue("include_total");
  query.include_total = include_total && (*include_total == "true" || *include_total == "1");
  if (!errors.empty()) return ValidationError(std::move(errors));
  return query;
}

}  // namespace cartera::customers
