#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/cursor.hpp"
#include "common/result.hpp"
#include "common/time.hpp"
#include "contacts/contact.hpp"
#include "storage/database.hpp"

// Every statement on contacts, contact_tokens and contact_favorites (migrations 008, 015).
namespace cartera::contacts {

// What a contact token is for: a portal session, an invitation or a password reset.
enum class TokenPurpose { kSession, kInvitation, kPasswordReset };
inline constexpr std::array<std::string_view, 3> kTokenPurposes = {"session", "invitation",
                                                                   "password_reset"};
std::string_view Name(TokenPurpose purpose);

// A page of a customer's contacts and where the next one starts.
struct ContactSlice {
  std::vector<Contact> items;
  std::optional<cursor::Position> next;  // the last row given, when there are more
};

// A contact as it signs in: the stored password hash, empty when it has none.
struct ContactLogin {
  Contact contact;
  std::string password_hash;
};

// A portal session token and the contact it signs in.
struct ContactSession {
  int64_t token_id = 0;
  std::optional<std::string> csrf_hash;
  time::Micros expires_at = 0;
  int64_t contact_id = 0;
  int64_t customer_id = 0;
  std::string first_name;
  std::optional<std::string> last_name;
  std::string email;
  PortalAccess access = PortalAccess::kInvited;
};

// A token taken out of the table by its single use.
struct TakenToken {
  int64_t contact_id = 0;
  time::Micros expires_at = 0;
};

// A contact named by first and last name.
struct ContactName {
  int64_t id = 0;
  std::string name;
};

// SQL for contacts, their tokens and their favourites, on a connection the caller holds.
class ContactRepository {
 public:
  // The contact with its last order.
  std::optional<Contact> Find(storage::Connection& connection, int64_t id);
  bool Exists(storage::Connection& connection, int64_t id);
  // Inside a write transaction: holds the contact's row until the commit (PostgreSQL).
  void Lock(storage::Connection& connection, int64_t id);
  // The contact whose sign-in email is `email` (any case).
  std::optional<ContactLogin> FindByEmail(storage::Connection& connection, std::string_view email);
  std::optional<std::string> PasswordHash(storage::Connection& connection, int64_t id);
  // The customer's contacts by name, then id, after `after`; at most `limit`.
  ContactSlice List(storage::Connection& connection, int64_t customer_id,
                    const std::optional<cursor::Position>& after, int64_t limit);
  int64_t CountOfCustomer(storage::Connection& connection, int64_t customer_id);
  // Whether a contact but `except` signs in with `email` (any case).
  bool EmailInUse(storage::Connection& connection, std::string_view email, int64_t except);
  // Whether a contact of the customer but `except` has the role purchasing.
  bool HasPurchasing(storage::Connection& connection, int64_t customer_id, int64_t except);
  // Inserts the contact (version 1, created and updated `now`) and answers its id.
  // Errors: kConflict `email_taken`, `purchasing_contact_exists` (the unique indexes).
  Result<int64_t> Insert(storage::Connection& connection, const Contact& contact,
                         const std::optional<std::string>& password_hash, time::Micros now);
  // Writes every field (and the password hash when given), version + 1.
  // Errors: kConflict `email_taken`, `purchasing_contact_exists` (the unique indexes).
  Status Update(storage::Connection& connection, const Contact& contact,
                const std::optional<std::string>& password_hash, time::Micros now);
  // A new password (version + 1); `activate` also sets access active.
  void SetPassword(storage::Connection& connection, int64_t id, const std::string& password_hash,
                   bool activate, time::Micros now);
  void SetLastLogin(storage::Connection& connection, int64_t id, time::Micros at);
  bool Delete(storage::Connection& connection, int64_t id);

  // A customer deleted or deactivated (F3, F14).
  // Deletes the customer's contacts and their tokens.
  void DeleteForCustomer(storage::Connection& connection, int64_t customer_id);
  // The customer's contacts that can sign in (access invited or active), by id.
  std::vector<ContactName> ListWithAccess(storage::Connection& connection, int64_t customer_id);
  // Revokes the access of every such contact and ends their tokens; answers how many changed.
  int64_t RevokeAccessOf(storage::Connection& connection, int64_t customer_id, time::Micros at);

  // Tokens: only their SHA-256 is stored.
  int64_t InsertToken(storage::Connection& connection, const std::string& token_hash,
                      int64_t contact_id, TokenPurpose purpose,
                      const std::optional<std::string>& csrf_hash, time::Micros now,
                      time::Micros expires_at);
  void DeleteTokens(storage::Connection& connection, int64_t contact_id, TokenPurpose purpose);
  // Deletes the token of `purpose` with this hash and answers what it was.
  std::optional<TakenToken> TakeToken(storage::Connection& connection,
                                      const std::string& token_hash, TokenPurpose purpose);
  // Whether the contact was given a token of `purpose` after `since`.
  bool HasTokenSince(storage::Connection& connection, int64_t contact_id, TokenPurpose purpose,
                     time::Micros since);
  std::optional<ContactSession> FindSession(storage::Connection& connection,
                                            const std::string& token_hash);
  void DeleteSession(storage::Connection& connection, int64_t token_id, int64_t contact_id);

  // Favourites (F22), newest first, with the product's SKU and name.
  std::vector<Favorite> Favorites(storage::Connection& connection, int64_t contact_id);
  std::vector<int64_t> FavoriteIds(storage::Connection& connection, int64_t contact_id);
  bool ProductExists(storage::Connection& connection, int64_t product_id);
  // Marks the product (again: nothing changes).
  void AddFavorite(storage::Connection& connection, int64_t contact_id, int64_t product_id,
                   time::Micros now);
  void RemoveFavorite(storage::Connection& connection, int64_t contact_id, int64_t product_id);
};

}  // namespace cartera::contacts
