#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "contacts/contact.hpp"
#include "history/event_log.hpp"
#include "storage/database.hpp"

namespace cartera::contacts {

struct ContactPage {
  std::vector<Contact> items;
  std::optional<std::string> next_cursor;
};

struct Favorite {
  int64_t product_id = 0;
  std::string sku, name;
  time::Micros added_at = 0;
};

// Where mailed links point: the public base URL of the server (`--public-url`).
struct Links {
  std::string public_url;
  std::string InvitationUrl(const std::string& token) const;
  std::string PasswordResetUrl(const std::string& token) const;
  std::string PortalUrl() const;
  std::string AdminCustomerUrl(int64_t customer_id) const;
};

// Reads contact `id` with its last order on the caller's connection.
std::optional<Contact> FindContact(storage::Connection& connection, int64_t id);
// Reads the contact whose sign-in email is `email` (any case), with its password hash.
std::optional<std::pair<Contact, std::string>> FindContactForLogin(storage::Connection& connection,
                                                                   const std::string& email);
// The contact's customer's language when the contact has none.
std::string ContactLanguage(storage::Connection& connection, const Contact& contact);

// Queues the invitation email of `contact` (a new link; older ones stop working).
void QueueInvitation(storage::Connection& connection, const Contact& contact, const Links& links,
                     time::Micros now);

// Inserts a contact on the caller's connection (inside its transaction) after the same checks
// as ContactService::Create; the portal's registration uses it. `password_hash` makes it active.
// Errors: kConflict `email_taken`, `purchasing_contact_exists`.
Result<Contact> InsertContact(storage::Connection& connection, int64_t customer_id,
                              const ContactInput& input,
                              const std::optional<std::string>& password_hash, time::Micros now);

// Contacts of a customer (F10), their invitations and favourites (F22). Every write records a
// customer history event in its transaction.
class ContactService {
 public:
  ContactService(storage::Database& database, Links links)
      : database_(database), links_(std::move(links)) {}

  // Ordered by name, then id. Errors: kNotFound (customer); kInvalidArgument (cursor).
  Result<ContactPage> List(int64_t customer_id, int64_t limit,
                           const std::optional<std::string>& cursor);
  std::optional<Contact> Find(int64_t id);
  // Without a password the contact is invited (an email with a 72-hour link is queued).
  // Errors: kNotFound (customer); kConflict `email_taken`, `purchasing_contact_exists`;
  // kValidation `contacts` too_many.
  Result<Contact> Create(int64_t customer_id, const ContactInput& input,
                         const history::EventActor& actor);
  // Errors: kNotFound; kFailedPrecondition (version); kConflict `email_taken`,
  // `purchasing_contact_exists`, `no_password` (access active without a password).
  Result<Contact> Update(int64_t id, const ContactInput& input, std::optional<int64_t> version,
                         const history::EventActor& actor);
  // Errors: kNotFound.
  Status Delete(int64_t id, const history::EventActor& actor);
  // Queues a new invitation. Errors: kNotFound; kConflict `already_active`.
  Status SendInvitation(int64_t id, const history::EventActor& actor);

  // True when `password` is the contact's current password.
  bool CheckPassword(int64_t id, const std::string& password);

  // Errors: kNotFound (contact).
  Result<std::vector<Favorite>> Favorites(int64_t contact_id);
  // Errors: kNotFound (contact or product; `customer_id` given: a product outside it).
  Status AddFavorite(int64_t contact_id, int64_t product_id);
  // Errors: kNotFound (contact).
  Status RemoveFavorite(int64_t contact_id, int64_t product_id);

  const Links& links() const { return links_; }

 private:
  storage::Database& database_;
  Links links_;
};

}  // namespace cartera::contacts
