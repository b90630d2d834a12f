#include "contacts/contact_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/crypto.hpp"
#include "common/cursor.hpp"
#include "common/text.hpp"
#include "contacts/contact_tokens.hpp"
#include "customers/customer_changes.hpp"
#include "customers/customer_repository.hpp"
#include "mail/outbox.hpp"
#include "messaging/phone.hpp"
#include "settings/settings.hpp"

namespace cartera::contacts {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Nullable;

constexpr std::string_view kListName = "contacts";

// The contact's columns and its last order (by placed time, through the orders_contact index).
constexpr std::string_view kSelect =
    "SELECT c.id, c.customer_id, c.first_name, c.last_name, c.email, c.phone, c.whatsapp, "
    "c.department, c.role, c.permissions, c.language, c.access, "
    "CASE WHEN c.password_hash IS NULL THEN 0 ELSE 1 END, c.last_login_at, c.created_at, "
    "c.updated_at, c.version, o.id, o.number, o.placed_at, o.total_minor, o.currency, c.name_key, "
    "c.country "
    "FROM contacts c LEFT JOIN orders o ON o.id = (SELECT x.id FROM orders x WHERE x.contact_id = "
    "c.id ORDER BY x.placed_at DESC, x.id DESC LIMIT 1) ";

std::vector<std::string> ParsePermissions(const std::string& text) {
  std::vector<std::string> permissions;
  const json::value value = json::parse(text);
  for (const auto& item : value.as_array()) permissions.emplace_back(item.as_string());
  return permissions;
}

std::string SerializePermissions(const std::vector<std::string>& permissions) {
  json::array array;
  // Stored in the order of kPermissions, each once, whatever order they were sent in.
  for (const auto permission : kPermissions) {
    for (const auto& given : permissions) {
      if (given == permission) {
        array.emplace_back(permission);
        break;
      }
    }
  }
  return json::serialize(array);
}

Contact FromRow(const storage::Row& row) {
  Contact c;
  c.id = row.Int(0);
  c.customer_id = row.Int(1);
  c.first_name = row.Text(2);
  c.last_name = row.OptionalText(3);
  c.email = row.Text(4);
  c.phone = row.OptionalText(5);
  c.whatsapp = row.OptionalText(6);
  c.department = row.OptionalText(7);
  c.role = row.OptionalText(8);
  c.permissions = ParsePermissions(row.Text(9));
  c.language = row.OptionalText(10);
  c.access = row.Text(11);
  c.has_password = row.Int(12) != 0;
  c.last_login_at = row.OptionalInt(13);
  c.created_at = row.Int(14);
  c.updated_at = row.Int(15);
  c.version = row.Int(16);
  c.country = row.OptionalText(23);
  if (const auto order_id = row.OptionalInt(17)) {
    c.last_order = LastOrder{*order_id, row.Text(18), row.Int(19), row.Int(20), row.Text(21)};
  }
  return c;
}

std::string NameKey(const Contact& contact) { return text::Normalise(contact.FullName()); }

bool CustomerExists(Connection& connection, int64_t id) {
  return !connection.Query("SELECT 1 FROM customers WHERE id = $1", {id}).empty();
}

Error EmailTaken() {
  return WithMembers(
      MakeError(ErrorCode::kConflict, "email_taken", "Another contact signs in with this email."),
      {{"field", "email"}});
}

Error PurchasingContactExists() {
  return WithMembers(MakeError(ErrorCode::kConflict, "purchasing_contact_exists",
                               "This customer already has a purchasing contact."),
                     {{"field", "role"}});
}

// The conflicts a write of `contact` would meet, found before writing so that the answer names
// the rule (the unique indexes stay the guarantee; see the catch in the callers).
std::optional<Error> FindConflict(Connection& connection, const Contact& contact) {
  if (!connection
           .Query("SELECT 1 FROM contacts WHERE email_key = $1 AND id <> $2",
                  {text::Normalise(contact.email), contact.id})
           .empty()) {
    return EmailTaken();
  }
  if (contact.role == "purchasing" &&
      !connection
           .Query(
               "SELECT 1 FROM contacts WHERE customer_id = $1 AND role = 'purchasing' AND id <> $2",
               {contact.customer_id, contact.id})
           .empty()) {
    return PurchasingContactExists();
  }
  return std::nullopt;
}

// The fields a person edits, as the history shows them.
json::object Fields(const Contact& c) {
  json::object fields = ToJson(c);
  for (const auto drop : {"id", "customer_id", "has_password", "last_login_at", "last_order",
                          "created_at", "updated_at", "version"}) {
    fields.erase(drop);
  }
  return fields;
}

json::array Changes(const Contact& before, const Contact& after) {
  return customers::DiffFields(Fields(before), Fields(after));
}

void Record(Connection& connection, const Contact& contact, std::string_view type,
            const history::EventActor& actor, json::object data, time::Micros at) {
  data["contact_id"] = std::to_string(contact.id);
  data["name"] = contact.FullName();
  history::RecordEvent(connection, contact.customer_id, std::nullopt, type, actor, data, at);
}

void Apply(Contact& contact, const ContactInput& input) {
  if (input.first_name) contact.first_name = *input.first_name;
  if (input.email) contact.email = *input.email;
  if (input.last_name) contact.last_name = *input.last_name;
  if (input.phone) contact.phone = *input.phone;
  if (input.whatsapp) contact.whatsapp = *input.whatsapp;
  if (input.country) contact.country = *input.country;
  if (input.department) contact.department = *input.department;
  if (input.role) contact.role = *input.role;
  if (input.language) contact.language = *input.language;
  if (input.permissions) contact.permissions = *input.permissions;
}

// The phone numbers a request sets, read in the contact's country, else its customer's, else
// the store's default_country. Errors: kValidation `invalid_phone`.
Status CheckPhones(Connection& connection, const Contact& contact, const ContactInput& input) {
  if (!input.phone && !input.whatsapp && !input.country) return Ok{};
  std::string country = contact.country.value_or("");
  if (country.empty()) {
    const auto customer = customers::CustomerRepository{}.FindById(connection, contact.customer_id);
    if (customer && customer->country) country = *customer->country;
  }
  if (country.empty()) country = settings::Load(connection).default_country;
  std::vector<FieldError> errors;
  messaging::CheckPhoneNumber(contact.phone, "phone", country, errors);
  messaging::CheckPhoneNumber(contact.whatsapp, "whatsapp", country, errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  return Ok{};
}

Error Stale() {
  return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                   "This contact changed since you read it; reload it.");
}

}  // namespace

std::string Links::InvitationUrl(const std::string& token) const {
  return public_url + "/portal/invitation?token=" + token;
}
std::string Links::PasswordResetUrl(const std::string& token) const {
  return public_url + "/portal/reset?token=" + token;
}
std::string Links::PortalUrl() const { return public_url + "/portal"; }
std::string Links::AdminCustomerUrl(int64_t customer_id) const {
  return public_url + "/admin/customers/" + std::to_string(customer_id);
}

std::optional<Contact> FindContact(Connection& connection, int64_t id) {
  const auto rows = connection.Query(std::string(kSelect) + "WHERE c.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::optional<std::pair<Contact, std::string>> FindContactForLogin(Connection& connection,
                                                                   const std::string& email) {
  const auto rows = connection.Query("SELECT id, password_hash FROM contacts WHERE email_key = $1",
                                     {text::Normalise(email)});
  if (rows.empty()) return std::nullopt;
  auto contact = FindContact(connection, rows[0].Int(0));
  if (!contact) return std::nullopt;
  return std::make_pair(std::move(*contact), rows[0].OptionalText(1).value_or(""));
}

std::string ContactLanguage(Connection& connection, const Contact& contact) {
  if (contact.language) return *contact.language;
  const auto rows =
      connection.Query("SELECT language FROM customers WHERE id = $1", {contact.customer_id});
  return rows.empty() ? "es" : rows[0].Text(0);
}

void QueueInvitation(Connection& connection, const Contact& contact, const Links& links,
                     time::Micros now) {
  const IssuedToken token =
      IssueToken(connection, contact.id, "invitation", kInvitationLifetimeMicros, now);
  const auto customer =
      connection.Query("SELECT name FROM customers WHERE id = $1", {contact.customer_id});
  mail::MailRequest request;
  request.template_name = "contact_invitation";
  request.language = ContactLanguage(connection, contact);
  request.to_address = contact.email;
  request.to_name = contact.FullName();
  request.values = {{"contact", {{"first_name", contact.first_name}}},
                    {"customer", {{"name", customer.empty() ? "" : customer[0].Text(0)}}},
                    {"link", links.InvitationUrl(token.token)},
                    {"expires_hours", kInvitationLifetimeMicros / 3'600'000'000}};
  request.customer_id = contact.customer_id;
  request.contact_id = contact.id;
  mail::Enqueue(connection, request);
}

Result<Contact> InsertContact(Connection& connection, int64_t customer_id,
                              const ContactInput& input,
                              const std::optional<std::string>& password_hash, time::Micros now) {
  Contact contact;
  contact.customer_id = customer_id;
  Apply(contact, input);
  TRY(CheckPhones(connection, contact, input));
  if (!input.permissions) contact.permissions = DefaultPermissions(contact.role);
  contact.access = password_hash ? "active" : "invited";
  contact.has_password = password_hash.has_value();
  contact.created_at = contact.updated_at = now;
  if (auto conflict = FindConflict(connection, contact)) return *conflict;
  try {
    contact.id =
        connection
            .Query(
                "INSERT INTO contacts (customer_id, first_name, last_name, email, "
                "email_key, phone, whatsapp, department, role, permissions, language, "
                "access, password_hash, name_key, created_at, updated_at, version, country) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, "
                "1, $16) RETURNING id",
                {customer_id, contact.first_name, Nullable(contact.last_name), contact.email,
                 text::Normalise(contact.email), Nullable(contact.phone),
                 Nullable(contact.whatsapp), Nullable(contact.department), Nullable(contact.role),
                 SerializePermissions(contact.permissions), Nullable(contact.language),
                 contact.access, Nullable(password_hash), NameKey(contact), now,
                 Nullable(contact.country)})
            .at(0)
            .Int(0);
  } catch (const storage::UniqueViolation&) {
    // A concurrent write won the race FindConflict checked for.
    return contact.role == "purchasing" ? PurchasingContactExists() : EmailTaken();
  }
  contact.permissions = ParsePermissions(SerializePermissions(contact.permissions));
  return contact;
}

Result<ContactPage> ContactService::List(int64_t customer_id, int64_t limit,
                                         const std::optional<std::string>& cursor) {
  std::optional<cursor::Position> after;
  if (cursor) {
    TRY_ASSIGN(cursor::Position position, cursor::Decode(kListName, *cursor));
    after = std::move(position);
  }
  auto connection = database_.Acquire();
  if (!CustomerExists(*connection, customer_id)) return NotFound("customer");
  storage::Params params = {customer_id, limit + 1};
  std::string sql = std::string(kSelect) + "WHERE c.customer_id = $1";
  if (after) {
    sql += " AND (c.name_key > $3 OR (c.name_key = $3 AND c.id > $4))";
    params.emplace_back(after->key);
    params.emplace_back(after->id);
  }
  sql += " ORDER BY c.name_key, c.id LIMIT $2";
  ContactPage page;
  const auto rows = connection->Query(sql, params);
  for (size_t i = 0; i < rows.size() && static_cast<int64_t>(i) < limit; ++i) {
    page.items.push_back(FromRow(rows[i]));
  }
  if (static_cast<int64_t>(rows.size()) > limit) {
    const auto& last = rows[static_cast<size_t>(limit) - 1];
    page.next_cursor = cursor::Encode(kListName, {last.Text(22), last.Int(0)});
  }
  return page;
}

std::optional<Contact> ContactService::Find(int64_t id) {
  auto connection = database_.Acquire();
  return FindContact(*connection, id);
}

Result<Contact> ContactService::Create(int64_t customer_id, const ContactInput& input,
                                       const history::EventActor& actor) {
  // Hashing costs tens of milliseconds of CPU: done before the transaction, not inside it.
  std::optional<std::string> password_hash;
  if (input.password) password_hash = crypto::HashPassword(*input.password);
  return database_.InTransaction([&](Connection& connection) -> Result<Contact> {
    const time::Micros now = time::Now();
    if (!CustomerExists(connection, customer_id)) return NotFound("customer");
    if (connection.Query("SELECT COUNT(*) FROM contacts WHERE customer_id = $1", {customer_id})
            .at(0)
            .Int(0) >= kMaxPerCustomer) {
      return ValidationError(
          {{"contacts", "too_many",
            "A customer has at most " + std::to_string(kMaxPerCustomer) + " contacts."}});
    }
    TRY_ASSIGN(Contact contact, InsertContact(connection, customer_id, input, password_hash, now));
    if (!password_hash) QueueInvitation(connection, contact, links_, now);
    Record(connection, contact, "contact_added", actor,
           {{"email", contact.email},
            {"role", contact.role ? json::value(*contact.role) : nullptr},
            {"invited", !password_hash}},
           now);
    auto stored = FindContact(connection, contact.id);
    return std::move(*stored);
  });
}

Result<Contact> ContactService::Update(int64_t id, const ContactInput& input,
                                       std::optional<int64_t> version,
                                       const history::EventActor& actor) {
  std::optional<std::string> password_hash;
  if (input.password) password_hash = crypto::HashPassword(*input.password);
  return database_.InTransaction([&](Connection& connection) -> Result<Contact> {
    storage::LockRow(connection, "contacts", id);
    auto current = FindContact(connection, id);
    if (!current) return NotFound("contact");
    if (version && *version != current->version) return Stale();
    Contact contact = *current;
    Apply(contact, input);
    TRY(CheckPhones(connection, contact, input));
    if (password_hash) {
      contact.has_password = true;
      if (contact.access == "invited") contact.access = "active";
    }
    if (input.access) {
      if (*input.access == "active" && !contact.has_password) {
        return MakeError(ErrorCode::kConflict, "no_password",
                         "This contact has no password yet: send an invitation instead.");
      }
      contact.access = *input.access;
    }
    const json::array changes = Changes(*current, contact);
    if (changes.empty() && !password_hash) return std::move(*current);
    if (auto conflict = FindConflict(connection, contact)) return *conflict;
    const time::Micros now = time::Now();
    try {
      connection.Execute(
          "UPDATE contacts SET first_name = $1, last_name = $2, email = $3, email_key = $4, "
          "phone = $5, whatsapp = $6, department = $7, role = $8, permissions = $9, language = "
          "$10, access = $11, name_key = $12, updated_at = $13, version = version + 1, "
          "password_hash = COALESCE($14, password_hash), country = $16 WHERE id = $15",
          {contact.first_name, Nullable(contact.last_name), contact.email,
           text::Normalise(contact.email), Nullable(contact.phone), Nullable(contact.whatsapp),
           Nullable(contact.department), Nullable(contact.role),
           SerializePermissions(contact.permissions), Nullable(contact.language), contact.access,
           NameKey(contact), now, Nullable(password_hash), id, Nullable(contact.country)});
    } catch (const storage::UniqueViolation&) {
      return contact.role == "purchasing" && current->role != "purchasing"
                 ? PurchasingContactExists()
                 : EmailTaken();
    }
    // A new password or a revoked access ends the sessions open until now.
    if (password_hash || contact.access == "revoked") EndSessions(connection, id);
    if (contact.access != current->access) {
      Record(connection, contact, "contact_access_" + contact.access, actor, {}, now);
    }
    json::object data{{"changes", changes}};
    if (password_hash) data["password_changed"] = true;
    Record(connection, contact, "contact_updated", actor, std::move(data), now);
    auto stored = FindContact(connection, id);
    return std::move(*stored);
  });
}

Status ContactService::Delete(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    auto contact = FindContact(connection, id);
    if (!contact) return NotFound("contact");
    connection.Execute("DELETE FROM contacts WHERE id = $1", {id});
    Record(connection, *contact, "contact_deleted", actor, {{"email", contact->email}},
           time::Now());
    history::DetachContact(connection, id);
    return Ok{};
  });
}

Status ContactService::SendInvitation(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    auto contact = FindContact(connection, id);
    if (!contact) return NotFound("contact");
    if (contact->has_password) {
      return MakeError(ErrorCode::kConflict, "already_active",
                       "This contact already has a password.");
    }
    const time::Micros now = time::Now();
    QueueInvitation(connection, *contact, links_, now);
    Record(connection, *contact, "contact_invited", actor, {{"email", contact->email}}, now);
    return Ok{};
  });
}

bool ContactService::CheckPassword(int64_t id, const std::string& password) {
  std::optional<std::string> hash;
  {
    auto connection = database_.Acquire();
    const auto rows = connection->Query("SELECT password_hash FROM contacts WHERE id = $1", {id});
    if (!rows.empty()) hash = rows[0].OptionalText(0);
  }
  return hash && crypto::VerifyPassword(password, *hash);
}

Result<std::vector<Favorite>> ContactService::Favorites(int64_t contact_id) {
  auto connection = database_.Acquire();
  if (connection->Query("SELECT 1 FROM contacts WHERE id = $1", {contact_id}).empty()) {
    return NotFound("contact");
  }
  std::vector<Favorite> favorites;
  for (const auto& row : connection->Query(
           "SELECT p.id, p.sku, p.name, f.created_at FROM contact_favorites f JOIN products p ON "
           "p.id = f.product_id WHERE f.contact_id = $1 ORDER BY f.created_at DESC, p.id",
           {contact_id})) {
    favorites.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3)});
  }
  return favorites;
}

Status ContactService::AddFavorite(int64_t contact_id, int64_t product_id) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    if (connection.Query("SELECT 1 FROM contacts WHERE id = $1", {contact_id}).empty()) {
      return NotFound("contact");
    }
    if (connection.Query("SELECT 1 FROM products WHERE id = $1", {product_id}).empty()) {
      return NotFound("product");
    }
    connection.Execute(
        "INSERT INTO contact_favorites (contact_id, product_id, created_at) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        {contact_id, product_id, time::Now()});
    return Ok{};
  });
}

Status ContactService::RemoveFavorite(int64_t contact_id, int64_t product_id) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    if (connection.Query("SELECT 1 FROM contacts WHERE id = $1", {contact_id}).empty()) {
      return NotFound("contact");
    }
    connection.Execute("DELETE FROM contact_favorites WHERE contact_id = $1 AND product_id = $2",
                       {contact_id, product_id});
    return Ok{};
  });
}

}  // namespace cartera::contacts
