#include "contacts/contact_service.hpp"

#include <boost/json/array.hpp>

#include "common/crypto.hpp"
#include "common/cursor.hpp"
#include "common/version.hpp"
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

constexpr std::string_view kListName = "contacts";

std::optional<customers::Customer> CustomerOf(Connection& connection, int64_t customer_id) {
  return customers::CustomerRepository{}.FindById(connection, customer_id);
}

// The conflicts a write of `contact` would meet, found before writing so that the answer names
// the rule (the unique indexes stay the guarantee: ContactRepository names their refusals).
std::optional<Error> FindConflict(Connection& connection, const Contact& contact) {
  ContactRepository contacts;
  if (contacts.EmailInUse(connection, contact.email, contact.id)) return EmailTaken();
  if (contact.role == Role::kPurchasing &&
      contacts.HasPurchasing(connection, contact.customer_id, contact.id)) {
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
    const auto customer = CustomerOf(connection, contact.customer_id);
    if (customer && customer->country) country = *customer->country;
  }
  if (country.empty()) country = settings::Load(connection).default_country;
  std::vector<FieldError> errors;
  messaging::CheckPhoneNumber(contact.phone, "phone", country, errors);
  messaging::CheckPhoneNumber(contact.whatsapp, "whatsapp", country, errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  return Ok{};
}

// Queues the invitation email of `contact` (a new link; older ones stop working).
void QueueInvitation(Connection& connection, const Contact& contact, const Links& links,
                     time::Micros now) {
  const IssuedToken token =
      IssueToken(connection, contact.id, TokenPurpose::kInvitation, kInvitationLifetimeMicros, now);
  const auto customer = CustomerOf(connection, contact.customer_id);
  mail::MailRequest request;
  request.template_name = "contact_invitation";
  request.language = contact.language.value_or(customer ? customer->language : "es");
  request.to_address = contact.email;
  request.to_name = contact.FullName();
  request.values = {{"contact", {{"first_name", contact.first_name}}},
                    {"customer", {{"name", customer ? customer->name : ""}}},
                    {"link", links.InvitationUrl(token.token)},
                    {"expires_hours", kInvitationLifetimeMicros / 3'600'000'000}};
  request.customer_id = contact.customer_id;
  request.contact_id = contact.id;
  mail::Enqueue(connection, request);
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

std::string ContactLanguage(Connection& connection, const Contact& contact) {
  if (contact.language) return *contact.language;
  const auto customer = CustomerOf(connection, contact.customer_id);
  return customer ? customer->language : "es";
}

Result<Contact> InsertContact(Connection& connection, int64_t customer_id,
                              const ContactInput& input,
                              const std::optional<std::string>& password_hash, time::Micros now) {
  Contact contact;
  contact.customer_id = customer_id;
  Apply(contact, input);
  TRY(CheckPhones(connection, contact, input));
  if (!input.permissions) contact.permissions = DefaultPermissions(contact.role);
  contact.access = password_hash ? PortalAccess::kActive : PortalAccess::kInvited;
  contact.has_password = password_hash.has_value();
  contact.created_at = contact.updated_at = now;
  if (auto conflict = FindConflict(connection, contact)) return *conflict;
  TRY_ASSIGN(contact.id, ContactRepository{}.Insert(connection, contact, password_hash, now));
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
  if (!CustomerOf(*connection, customer_id)) return NotFound("customer");
  ContactSlice slice = contacts_.List(*connection, customer_id, after, limit);
  ContactPage page{std::move(slice.items), std::nullopt};
  if (slice.next) page.next_cursor = cursor::Encode(kListName, *slice.next);
  return page;
}

std::optional<Contact> ContactService::Find(int64_t id) {
  auto connection = database_.Acquire();
  return contacts_.Find(*connection, id);
}

Result<Contact> ContactService::Get(int64_t id) {
  auto contact = Find(id);
  if (!contact) return NotFound("contact");
  return std::move(*contact);
}

Result<Contact> ContactService::Create(int64_t customer_id, const ContactInput& input,
                                       const history::EventActor& actor) {
  // Hashing costs tens of milliseconds of CPU: done before the transaction, not inside it.
  std::optional<std::string> password_hash;
  if (input.password) password_hash = crypto::HashPassword(*input.password);
  return database_.InTransaction([&](Connection& connection) -> Result<Contact> {
    const time::Micros now = time::Now();
    if (!CustomerOf(connection, customer_id)) return NotFound("customer");
    if (contacts_.CountOfCustomer(connection, customer_id) >= kMaxPerCustomer) {
      return ValidationError(
          {{"contacts", "too_many",
            "A customer has at most " + std::to_string(kMaxPerCustomer) + " contacts."}});
    }
    TRY_ASSIGN(Contact contact, InsertContact(connection, customer_id, input, password_hash, now));
    if (!password_hash) QueueInvitation(connection, contact, links_, now);
    Record(connection, contact, "contact_added", actor,
           {{"email", contact.email},
            {"role", contact.role ? json::value(Name(*contact.role)) : nullptr},
            {"invited", !password_hash}},
           now);
    auto stored = contacts_.Find(connection, contact.id);
    return std::move(*stored);
  });
}

Result<Contact> ContactService::Update(int64_t id, const ContactInput& input,
                                       std::optional<int64_t> version,
                                       const history::EventActor& actor) {
  std::optional<std::string> password_hash;
  if (input.password) password_hash = crypto::HashPassword(*input.password);
  return database_.InTransaction([&](Connection& connection) -> Result<Contact> {
    contacts_.Lock(connection, id);
    auto current = contacts_.Find(connection, id);
    if (!current) return NotFound("contact");
    TRY(CheckVersion(version, current->version));
    Contact contact = *current;
    Apply(contact, input);
    TRY(CheckPhones(connection, contact, input));
    if (password_hash) {
      contact.has_password = true;
      if (contact.access == PortalAccess::kInvited) contact.access = PortalAccess::kActive;
    }
    if (input.access) {
      if (*input.access == PortalAccess::kActive && !contact.has_password) {
        return MakeError(ErrorCode::kConflict, "no_password",
                         "This contact has no password yet: send an invitation instead.");
      }
      contact.access = *input.access;
    }
    const json::array changes = Changes(*current, contact);
    if (changes.empty() && !password_hash) return std::move(*current);
    if (auto conflict = FindConflict(connection, contact)) return *conflict;
    const time::Micros now = time::Now();
    TRY(contacts_.Update(connection, contact, password_hash, now));
    // A new password or a revoked access ends the sessions open until now.
    if (password_hash || contact.access == PortalAccess::kRevoked) EndSessions(connection, id);
    if (contact.access != current->access) {
      Record(connection, contact, "contact_access_" + std::string(Name(contact.access)), actor, {},
             now);
    }
    json::object data{{"changes", changes}};
    if (password_hash) data["password_changed"] = true;
    Record(connection, contact, "contact_updated", actor, std::move(data), now);
    auto stored = contacts_.Find(connection, id);
    return std::move(*stored);
  });
}

Status ContactService::Delete(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    auto contact = contacts_.Find(connection, id);
    if (!contact) return NotFound("contact");
    contacts_.Delete(connection, id);
    Record(connection, *contact, "contact_deleted", actor, {{"email", contact->email}},
           time::Now());
    history::DetachContact(connection, id);
    return Ok{};
  });
}

Status ContactService::SendInvitation(int64_t id, const history::EventActor& actor) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    auto contact = contacts_.Find(connection, id);
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
    hash = contacts_.PasswordHash(*connection, id);
  }
  return hash && crypto::VerifyPassword(password, *hash);
}

Result<std::vector<Favorite>> ContactService::Favorites(int64_t contact_id) {
  auto connection = database_.Acquire();
  if (!contacts_.Exists(*connection, contact_id)) return NotFound("contact");
  return contacts_.Favorites(*connection, contact_id);
}

Status ContactService::AddFavorite(int64_t contact_id, int64_t product_id) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    if (!contacts_.Exists(connection, contact_id)) return NotFound("contact");
    if (!contacts_.ProductExists(connection, product_id)) return NotFound("product");
    contacts_.AddFavorite(connection, contact_id, product_id, time::Now());
    return Ok{};
  });
}

Status ContactService::RemoveFavorite(int64_t contact_id, int64_t product_id) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    if (!contacts_.Exists(connection, contact_id)) return NotFound("contact");
    contacts_.RemoveFavorite(connection, contact_id, product_id);
    return Ok{};
  });
}

}  // namespace cartera::contacts
