#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "contacts/contact.hpp"
#include "contacts/contact_repository.hpp"
#include "history/event_log.hpp"
#include "storage/database.hpp"

namespace cartera::contacts {

struct ContactPage {
  std::vector<Contact> items;
  std::optional<std::string> next_cursor;
};

// Where mailed links point: the public base URL of the server (`--public-url`).
struct Links {
  std::string public_url;
  std::string InvitationUrl(const std::string& token) const;
  std::string PasswordResetUrl(const std::string& token) const;
  std::string PortalUrl() const;
  std::string AdminCustomerUrl(int64_t customer_id) const;
};

// The language of the contact's mails: its own, else its customer's.
std::string ContactLanguage(storage::Connection& connection, const Contact& contact);

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
  // The contact with its last order.
  std::optional<Contact> Find(int64_t id);
  // The same. Errors: kNotFound.
  Result<Contact> Get(int64_t id);
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
  // Errors: kNotFound (contact or product).
  Status AddFavorite(int64_t contact_id, int64_t product_id);
  // Errors: kNotFound (contact).
  Status RemoveFavorite(int64_t contact_id, int64_t product_id);

  const Links& links() const { return links_; }

 private:
  storage::Database& database_;
  Links links_;
  ContactRepository contacts_;
};

}  // namespace cartera::contacts
