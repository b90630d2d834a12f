#include "customers/customer_service.hpp"

#include "messaging/phone.hpp"

#include <algorithm>
#include <iterator>

#include "common/crypto.hpp"
#include "common/ids.hpp"
#include "common/version.hpp"
#include "customers/customer_changes.hpp"
#include "customers/customer_json.hpp"
#include "mail/outbox.hpp"
#include "staff/staff_events.hpp"

namespace cartera::customers {
namespace {

namespace json = boost::json;

// `[{"id","name"}]`, as the 409 and the history show contacts.
json::array ContactsJson(const std::vector<ContactAccess>& contacts) {
  json::array list;
  for (const auto& contact : contacts) {
    list.push_back({{"id", std::to_string(contact.id)}, {"name", contact.name}});
  }
  return list;
}

Error ContactsHaveAccess(const std::vector<ContactAccess>& contacts) {
  return WithMembers(
      MakeError(ErrorCode::kConflict, "contacts_have_access",
                "Contacts of this customer can still sign in; revoke their access first."),
      {{"contacts", ContactsJson(contacts)}});
}

Error CustomerHasOrders(const OrderCounts& counts) {
  return WithMembers(MakeError(ErrorCode::kConflict, "customer_has_orders",
                               "This customer has orders or quotes and cannot be deleted; "
                               "deactivate it instead."),
                     {{"order_count", counts.orders}, {"quote_count", counts.quotes}});
}

Error ConfirmationRequired(std::string code, std::string message) {
  Error error = MakeError(ErrorCode::kValidation, "confirmation_required",
                          "Deleting a customer needs a valid confirmation code.");
  error.fields.push_back({"confirmation_code", std::move(code), std::move(message)});
  return error;
}

}  // namespace

Result<Created> CustomerService::Create(const boost::json::object& body,
                                        const history::EventActor& actor) {
  return database_.InTransaction(
      [&](storage::Connection& connection) { return CreateOn(connection, body, actor); });
}

Result<Created> CustomerService::CreateOn(storage::Connection& connection,
                                          const boost::json::object& body,
                                          const history::EventActor& actor, WriteMode mode) {
  Customer base;
  base.currency = repository_.Setting(connection, "default_currency").value_or("EUR");
  base.language = repository_.Setting(connection, "default_language").value_or("es");
  TRY_ASSIGN(CustomerInput input, ApplyJson(body, std::move(base), InputMode::kCreate));
  Customer& customer = input.customer;
  TRY(CheckCatalogReferences(connection, customer));
  TRY(CheckPhones(connection, customer, body));
  customer.created_at = customer.updated_at = time::Now();
  customer.version = 1;
  if (mode == WriteMode::kCheckOnly) return Created{std::move(customer), {}};
  TRY_ASSIGN(Customer stored, repository_.Insert(connection, std::move(customer)));
  history::RecordEvent(connection, stored.id, std::nullopt, "customer_created", actor,
                       {{"name", stored.name}}, stored.created_at);
  std::vector<DuplicateMatch> duplicates = repository_.FindDuplicates(connection, stored);
  return Created{std::move(stored), std::move(duplicates)};
}

Status CustomerService::CheckPhones(storage::Connection& connection, const Customer& customer,
                                    const boost::json::object& body) {
  // Only what this request sets: an old number stored before numbers were checked does not
  // block an unrelated change.
  if (!body.contains("phone") && !body.contains("whatsapp") && !body.contains("country")) {
    return Ok{};
  }
  const std::string country =
      customer.country ? *customer.country
                       : repository_.Setting(connection, "default_country").value_or("ES");
  std::vector<FieldError> errors;
  messaging::CheckPhoneNumber(customer.phone, "phone", country, errors);
  messaging::CheckPhoneNumber(customer.whatsapp, "whatsapp", country, errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  return Ok{};
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
                                        std::optional<int64_t> expected_version,
                                        const history::EventActor& actor) {
  return database_.InTransaction([&](storage::Connection& connection) {
    return PatchOn(connection, id, body, expected_version, actor);
  });
}

Result<Customer> CustomerService::PatchOn(storage::Connection& connection, int64_t id,
                                          const boost::json::object& body,
                                          std::optional<int64_t> expected_version,
                                          const history::EventActor& actor, WriteMode mode) {
  // Held to the commit, so no contact gains access between the check below and the write.
  if (mode == WriteMode::kWrite) storage::LockRow(connection, "customers", id);
  auto current = repository_.FindById(connection, id);
  if (!current) return NotFound("customer");
  const int64_t version = current->version;
  // Preconditions come before the body is judged (RFC 9110 §13.2.2): a stale writer learns
  // that first, whatever else is wrong with its request.
  TRY(CheckVersion(expected_version, version));
  const json::object before = ToJson(*current);
  const bool was_active = current->account_status == AccountStatus::kActive;
  const bool was_validated = current->registration_status == RegistrationStatus::kValidated;
  TRY_ASSIGN(CustomerInput input, ApplyJson(body, std::move(*current), InputMode::kPatch));
  TRY(CheckVersion(input.version, version));
  Customer& customer = input.customer;
  TRY(CheckCatalogReferences(connection, customer));
  TRY(CheckPhones(connection, customer, body));
  // Sending the values it already has changes nothing: no write, no event, same version.
  if (DiffCustomer(before, ToJson(customer)).empty()) return std::move(customer);
  if (was_active && customer.account_status == AccountStatus::kInactive) {
    if (auto contacts = repository_.ContactsWithAccess(connection, id); !contacts.empty()) {
      return ContactsHaveAccess(contacts);
    }
  }
  const time::Micros at = time::Now();
  customer.updated_at = at;
  customer.version = version + 1;
  if (mode == WriteMode::kCheckOnly) return std::move(customer);
  TRY(repository_.Update(connection, std::move(customer), version));
  // The history shows what was stored (tags as the tag table spells them, in its order).
  auto stored = repository_.FindById(connection, id);
  if (!stored) return NotFound("customer");
  CustomerChanges changes = DiffCustomer(before, ToJson(*stored));
  if (!changes.updated.empty()) {
    history::RecordEvent(connection, id, std::nullopt, "customer_updated", actor,
                         {{"changes", std::move(changes.updated)}}, at);
  }
  if (!changes.status.empty()) {
    history::RecordEvent(connection, id, std::nullopt, "customer_status_changed", actor,
                         {{"changes", std::move(changes.status)}}, at);
  }
  if (!was_validated && stored->registration_status == RegistrationStatus::kValidated) {
    QueueAccountValidated(connection, *stored);
  }
  return std::move(*stored);
}

void CustomerService::QueueAccountValidated(storage::Connection& connection,
                                            const Customer& customer) {
  // F12: each contact that can sign in learns that it now may.
  for (const auto& row : connection.Query(
           "SELECT id, first_name, last_name, email, language FROM contacts WHERE customer_id = $1 "
           "AND access = 'active'",
           {customer.id})) {
    mail::MailRequest request;
    request.template_name = "account_validated";
    request.language = row.OptionalText(4).value_or(customer.language);
    request.to_address = row.Text(3);
    const auto last_name = row.OptionalText(2);
    request.to_name = last_name ? row.Text(1) + " " + *last_name : row.Text(1);
    request.values = {{"contact", {{"first_name", row.Text(1)}}},
                      {"customer", {{"name", customer.name}}},
                      {"link", portal_url_}};
    request.customer_id = customer.id;
    request.contact_id = row.Int(0);
    mail::Enqueue(connection, request);
  }
}

Result<IssuedDeletionCode> CustomerService::RequestDeletionCode(int64_t id,
                                                                const history::EventActor& actor) {
  return database_.InTransaction(
      [&](storage::Connection& connection) -> Result<IssuedDeletionCode> {
        storage::LockRow(connection, "customers", id);
        if (!repository_.NameOf(connection, id)) return NotFound("customer");
        IssuedDeletionCode issued;
        issued.code = NewDeletionCode();
        const time::Micros now = time::Now();
        issued.expires_at = now + kDeletionCodeValidity;
        issued.order_counts = repository_.CountOrders(connection, id);
        repository_.SaveDeletionCode(connection, id, HashDeletionCode(id, issued.code),
                                     actor.id.value_or(0), now, issued.expires_at);
        return issued;
      });
}

Status CustomerService::Delete(int64_t id, std::string_view confirmation_code,
                               const history::EventActor& actor) {
  enum class Outcome { kDeleted, kMissing, kWrong, kExpired };
  // A wrong or expired code is answered after the commit, so that counting the wrong try (and
  // burning the code after kMaxDeletionCodeAttempts) is kept.
  auto outcome = database_.InTransaction([&](storage::Connection& connection) -> Result<Outcome> {
    storage::LockRow(connection, "customers", id);
    const auto name = repository_.NameOf(connection, id);
    if (!name) return NotFound("customer");
    // Checked before the code: a refused deletion leaves the code usable.
    if (const OrderCounts counts = repository_.CountOrders(connection, id);
        counts.orders + counts.quotes > 0) {
      return CustomerHasOrders(counts);
    }
    const std::string typed = NormaliseDeletionCode(confirmation_code);
    if (typed.empty()) return Outcome::kMissing;
    const auto stored = repository_.FindDeletionCode(connection, id);
    if (!stored) return Outcome::kWrong;  // never asked for, already used, or burnt
    const time::Micros now = time::Now();
    if (stored->expires_at <= now) {
      repository_.ForgetDeletionCode(connection, id);
      return Outcome::kExpired;
    }
    if (typed.size() > 64 ||
        !crypto::ConstantTimeEquals(stored->code_hash, HashDeletionCode(id, typed))) {
      repository_.CountFailedDeletionCode(connection, id, kMaxDeletionCodeAttempts);
      return Outcome::kWrong;
    }
    repository_.DeleteWithChildren(connection, id);
    staff::RecordStaffEvent(connection, actor.id.value_or(0), actor.name.value_or(""),
                            "customer_deleted",
                            {{"customer_id", std::to_string(id)}, {"name", *name}}, now);
    return Outcome::kDeleted;
  });
  if (!outcome.ok()) return std::move(outcome).error();
  switch (*outcome) {
    case Outcome::kDeleted:
      return Ok{};
    case Outcome::kMissing:
      return ConfirmationRequired(
          "required", "Ask for a confirmation code (POST …/deletion-code) and send it.");
    case Outcome::kExpired:
      return ConfirmationRequired("expired", "The code has expired; ask for a new one.");
    case Outcome::kWrong:
      break;
  }
  return ConfirmationRequired("invalid", "Not the code issued for this customer, or already used.");
}

Result<int64_t> CustomerService::RevokeContactAccess(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](storage::Connection& connection) -> Result<int64_t> {
    storage::LockRow(connection, "customers", id);
    if (!repository_.NameOf(connection, id)) return NotFound("customer");
    const auto contacts = repository_.ContactsWithAccess(connection, id);
    if (contacts.empty()) return int64_t{0};
    const time::Micros at = time::Now();
    const int64_t revoked = repository_.RevokeContactAccess(connection, id, at);
    history::RecordEvent(connection, id, std::nullopt, "contacts_revoked", actor,
                         {{"contacts", ContactsJson(contacts)}, {"revoked", revoked}}, at);
    return revoked;
  });
}

Result<ListPage> CustomerService::List(const ListQuery& query) {
  auto connection = database_.Acquire();
  return repository_.List(*connection, query);
}

}  // namespace cartera::customers
