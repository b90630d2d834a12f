#include "customers/customer_service.hpp"

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
    customer.created_at = customer.updated_at = time::Now();
    customer.version = 1;
    TRY_ASSIGN(Customer stored, repository_.Insert(connection, std::move(customer)));
    std::vector<DuplicateMatch> duplicates = repository_.FindDuplicates(connection, stored);
    return Created{std::move(stored), std::move(duplicates)};
  });
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
