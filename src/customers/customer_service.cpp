#include "customers/customer_service.hpp"

#include <algorithm>
#include <iterator>

#include "customers/customer_json.hpp"
#include "http/resource.hpp"

namespace cartera::customers {

Result<Created> CustomerService::Create(const boost::json::object& body) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<Created> {
    Customer base;
    base.currency = repository_.Setting(connection, "default_currency").value_or("EUR");
    base.language = repository_.Setting(connection, "default_language").value_or("es");
    TRY_ASSIGN(CustomerInput input, ApplyJson(body, std::move(base), InputMode::kCreate));
    Customer& customer = input.customer;
    TRY(CheckCatalogReferences(connection, customer));
    customer.created_at = customer.updated_at = time::Now();
    customer.version = 1;
    TRY_ASSIGN(Customer stored, repository_.Insert(connection, std::move(customer)));
    std::vector<DuplicateMatch> duplicates = repository_.FindDuplicates(connection, stored);
    return Created{std::move(stored), std::move(duplicates)};
  });
}

Status CustomerService::CheckCatalogReferences(storage::Connection& connection,
                                               const Customer& customer) {
  std::vector<FieldError> errors;
  const std::pair<const std::vector<std::string>*, std::string_view> lists[] = {
      {&customer.product_type_ids, "product_types"},
      {&customer.product_ids, "products"},
      {&customer.warehouse_ids, "warehouses"}};
  const std::string_view names[] = {"product_type_ids", "product_ids", "warehouse_ids"};
  for (size_t list = 0; list < std::size(lists); ++list) {
    for (const size_t i :
         repository_.UnknownIds(connection, lists[list].second, *lists[list].first)) {
      errors.push_back(
          {std::string(names[list]) + "[" + std::to_string(i) + "]", "invalid", "No such record."});
    }
  }
  if (customer.default_warehouse_id &&
      std::find(customer.warehouse_ids.begin(), customer.warehouse_ids.end(),
                *customer.default_warehouse_id) == customer.warehouse_ids.end()) {
    errors.push_back({"default_warehouse_id", "invalid", "Must be one of warehouse_ids."});
  }
  if (!errors.empty()) return ValidationError(std::move(errors));
  return Ok{};
}

Result<Customer> CustomerService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto customer = repository_.FindById(*connection, id);
  if (!customer) return NotFound("customer");
  return std::move(*customer);
}

Result<Customer> CustomerService::Patch(int64_t id, const boost::json::object& body,
                                        std::optional<int64_t> expected_version) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<Customer> {
    auto current = repository_.FindById(connection, id);
    if (!current) return NotFound("customer");
    const int64_t version = current->version;
    // Preconditions come before the body is judged (RFC 9110 §13.2.2): a stale writer learns
    // that first, whatever else is wrong with its request.
    TRY(http::CheckVersion(expected_version, version));
    TRY_ASSIGN(CustomerInput input, ApplyJson(body, std::move(*current), InputMode::kPatch));
    TRY(http::CheckVersion(input.version, version));
    Customer& customer = input.customer;
    TRY(CheckCatalogReferences(connection, customer));
    customer.updated_at = time::Now();
    customer.version = version + 1;
    return repository_.Update(connection, std::move(customer), version);
  });
}

Result<ListPage> CustomerService::List(const ListQuery& query) {
  auto connection = database_.Acquire();
  return repository_.List(*connection, query);
}

}  // namespace cartera::customers
