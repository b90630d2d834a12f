#include "contacts/contact_repository.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/enum_names.hpp"
#include "common/text.hpp"

namespace cartera::contacts {
namespace {

namespace json = boost::json;
using storage::Connection;
using storage::Nullable;

// The contact's columns and its last order (by placed time, through the orders_contact index).
constexpr std::string_view kSelect =
    "SELECT c.id, c.customer_id, c.first_name, c.last_name, c.email, c.phone, c.whatsapp, "
    "c.department, c.role, c.permissions, c.language, c.access, "
    "CASE WHEN c.password_hash IS NULL THEN 0 ELSE 1 END, c.last_login_at, c.created_at, "
    "c.updated_at, c.version, o.id, o.number, o.placed_at, o.total_minor, o.currency, c.name_key, "
    "c.country "
    "FROM contacts c LEFT JOIN orders o ON o.id = (SELECT x.id FROM orders x WHERE x.contact_id = "
    "c.id ORDER BY x.placed_at DESC, x.id DESC LIMIT 1) ";
constexpr std::string_view kWhereId = "WHERE c.id = $1";
// List: $1 customer, $2 limit; after a position also $3 name key, $4 id.
constexpr std::string_view kWhereCustomer = "WHERE c.customer_id = $1";
constexpr std::string_view kAfter = " AND (c.name_key > $3 OR (c.name_key = $3 AND c.id > $4))";
constexpr std::string_view kListOrder = " ORDER BY c.name_key, c.id LIMIT $2";

constexpr std::string_view kExists = "SELECT 1 FROM contacts WHERE id = $1";
constexpr std::string_view kFindLogin =
    "SELECT id, password_hash FROM contacts WHERE email_key = $1";
constexpr std::string_view kPasswordHash = "SELECT password_hash FROM contacts WHERE id = $1";
constexpr std::string_view kCountOfCustomer =
    "SELECT COUNT(*) FROM contacts WHERE customer_id = $1";
constexpr std::string_view kEmailInUse = "SELECT 1 FROM contacts WHERE email_key = $1 AND id <> $2";
constexpr std::string_view kHasRole =
    "SELECT 1 FROM contacts WHERE customer_id = $1 AND role = $2 AND id <> $3";
// kInsert and kUpdate share $1 … $14 (Fields, the time, the password hash).
constexpr std::string_view kInsert =
    "INSERT INTO contacts (first_name, last_name, email, email_key, phone, whatsapp, department, "
    "role, permissions, language, access, name_key, created_at, updated_at, password_hash, "
    "customer_id, country, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13, $13, $14, $15, $16, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE contacts SET first_name = $1, last_name = $2, email = $3, email_key = $4, phone = $5, "
    "whatsapp = $6, department = $7, role = $8, permissions = $9, language = $10, access = $11, "
    "name_key = $12, updated_at = $13, version = version + 1, password_hash = COALESCE($14, "
    "password_hash), country = $16 WHERE id = $15";
constexpr std::string_view kSetPassword =
    "UPDATE contacts SET password_hash = $1, updated_at = $2, version = version + 1 WHERE id = $3";
constexpr std::string_view kActivate =
    "UPDATE contacts SET password_hash = $1, access = 'active', updated_at = $2, version = "
    "version + 1 WHERE id = $3";
constexpr std::string_view kSetLastLogin = "UPDATE contacts SET last_login_at = $1 WHERE id = $2";
constexpr std::string_view kDelete = "DELETE FROM contacts WHERE id = $1";

constexpr std::string_view kDeleteTokensOfCustomer =
    "DELETE FROM contact_tokens WHERE contact_id IN (SELECT id FROM contacts WHERE customer_id = "
    "$1)";
constexpr std::string_view kDeleteOfCustomer = "DELETE FROM contacts WHERE customer_id = $1";
constexpr std::string_view kListWithAccess =
    "SELECT id, first_name, last_name FROM contacts WHERE customer_id = $1 AND access IN "
    "('invited', 'active') ORDER BY id";
constexpr std::string_view kRevokeAccessOf =
    "UPDATE contacts SET access = 'revoked', updated_at = $2, version = version + 1 WHERE "
    "customer_id = $1 AND access IN ('invited', 'active')";

constexpr std::string_view kInsertToken =
    "INSERT INTO contact_tokens (token_hash, contact_id, purpose, csrf_hash, created_at, "
    "expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kDeleteTokens =
    "DELETE FROM contact_tokens WHERE contact_id = $1 AND purpose = $2";
constexpr std::string_view kTakeToken =
    "DELETE FROM contact_tokens WHERE token_hash = $1 AND purpose = $2 RETURNING contact_id, "
    "expires_at";
constexpr std::string_view kHasTokenSince =
    "SELECT 1 FROM contact_tokens WHERE contact_id = $1 AND purpose = $2 AND created_at > $3";
// One indexed read per portal request: the session and its contact.
constexpr std::string_view kFindSession =
    "SELECT t.id, t.csrf_hash, t.expires_at, c.id, c.customer_id, c.first_name, c.last_name, "
    "c.email, c.access FROM contact_tokens t JOIN contacts c ON c.id = t.contact_id WHERE "
    "t.token_hash = $1 AND t.purpose = $2";
constexpr std::string_view kDeleteSession =
    "DELETE FROM contact_tokens WHERE id = $1 AND contact_id = $2";

constexpr std::string_view kFavorites =
    "SELECT p.id, p.sku, p.name, f.created_at FROM contact_favorites f JOIN products p ON p.id = "
    "f.product_id WHERE f.contact_id = $1 ORDER BY f.created_at DESC, p.id";
constexpr std::string_view kFavoriteIds =
    "SELECT product_id FROM contact_favorites WHERE contact_id = $1";
constexpr std::string_view kProductExists = "SELECT 1 FROM products WHERE id = $1";
constexpr std::string_view kAddFavorite =
    "INSERT INTO contact_favorites (contact_id, product_id, created_at) VALUES ($1, $2, $3) ON "
    "CONFLICT DO NOTHING";
constexpr std::string_view kRemoveFavorite =
    "DELETE FROM contact_favorites WHERE contact_id = $1 AND product_id = $2";

// The unique indexes of contacts (migration 008).
constexpr std::string_view kEmailIndex = "contacts_email";
constexpr std::string_view kPurchasingIndex = "contacts_one_purchasing";

Permissions ParsePermissions(const std::string& text) {
  Permissions permissions;
  const json::value names = json::parse(text);
  for (const auto& item : names.as_array()) {
    if (const auto permission = ParsePermission(item.as_string())) permissions.Add(*permission);
  }
  return permissions;
}

storage::Value RoleValue(const std::optional<Role>& role) {
  return role ? storage::Value(std::string(Name(*role))) : storage::Value(nullptr);
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
  if (const auto role = row.OptionalText(8)) c.role = ParseRole(*role);
  c.permissions = ParsePermissions(row.Text(9));
  c.language = row.OptionalText(10);
  c.access = ParsePortalAccess(row.Text(11)).value_or(PortalAccess::kRevoked);
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

// The fields of a write, derived keys included: $1 … $12 of kInsert and kUpdate.
storage::Params Fields(const Contact& c) {
  return {c.first_name,
          Nullable(c.last_name),
          c.email,
          text::Normalise(c.email),
          Nullable(c.phone),
          Nullable(c.whatsapp),
          Nullable(c.department),
          RoleValue(c.role),
          json::serialize(c.permissions.ToJson()),
          Nullable(c.language),
          std::string(Name(c.access)),
          text::Normalise(c.FullName())};
}

// A refusal of a unique index as the API names it.
Error Conflict(Error error) {
  if (storage::IsUniqueViolation(error, kEmailIndex)) return EmailTaken();
  if (storage::IsUniqueViolation(error, kPurchasingIndex)) return PurchasingContactExists();
  return error;
}

}  // namespace

std::string_view Name(TokenPurpose purpose) { return kTokenPurposes[static_cast<size_t>(purpose)]; }

std::optional<Contact> ContactRepository::Find(Connection& connection, int64_t id) {
  static const std::string sql = std::string(kSelect) + std::string(kWhereId);
  const auto rows = connection.Query(sql, {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

bool ContactRepository::Exists(Connection& connection, int64_t id) {
  return !connection.Query(kExists, {id}).empty();
}

void ContactRepository::Lock(Connection& connection, int64_t id) {
  storage::LockRow(connection, "contacts", id);
}

std::optional<ContactLogin> ContactRepository::FindByEmail(Connection& connection,
                                                           std::string_view email) {
  const auto rows = connection.Query(kFindLogin, {text::Normalise(email)});
  if (rows.empty()) return std::nullopt;
  auto contact = Find(connection, rows[0].Int(0));
  if (!contact) return std::nullopt;
  return ContactLogin{std::move(*contact), rows[0].OptionalText(1).value_or("")};
}

std::optional<std::string> ContactRepository::PasswordHash(Connection& connection, int64_t id) {
  const auto rows = connection.Query(kPasswordHash, {id});
  if (rows.empty()) return std::nullopt;
  return rows[0].OptionalText(0);
}

ContactSlice ContactRepository::List(Connection& connection, int64_t customer_id,
                                     const std::optional<cursor::Position>& after, int64_t limit) {
  storage::Params params = {customer_id, limit + 1};
  std::string sql = std::string(kSelect) + std::string(kWhereCustomer);
  if (after) {
    sql += kAfter;
    params.emplace_back(after->key);
    params.emplace_back(after->id);
  }
  sql += kListOrder;
  ContactSlice slice;
  const auto rows = connection.Query(sql, params);
  for (size_t i = 0; i < rows.size() && static_cast<int64_t>(i) < limit; ++i) {
    slice.items.push_back(FromRow(rows[i]));
  }
  if (static_cast<int64_t>(rows.size()) > limit) {
    const auto& last = rows[static_cast<size_t>(limit) - 1];
    slice.next = cursor::Position{last.Text(22), last.Int(0)};
  }
  return slice;
}

int64_t ContactRepository::CountOfCustomer(Connection& connection, int64_t customer_id) {
  return connection.Query(kCountOfCustomer, {customer_id}).at(0).Int(0);
}

bool ContactRepository::EmailInUse(Connection& connection, std::string_view email, int64_t except) {
  return !connection.Query(kEmailInUse, {text::Normalise(email), except}).empty();
}

bool ContactRepository::HasPurchasing(Connection& connection, int64_t customer_id, int64_t except) {
  return !connection.Query(kHasRole, {customer_id, std::string(Name(Role::kPurchasing)), except})
              .empty();
}

Result<int64_t> ContactRepository::Insert(Connection& connection, const Contact& contact,
                                          const std::optional<std::string>& password_hash,
                                          time::Micros now) {
  storage::Params params = Fields(contact);
  params.insert(params.end(),
                {now, Nullable(password_hash), contact.customer_id, Nullable(contact.country)});
  auto rows = connection.TryQuery(kInsert, params);
  if (!rows.ok()) return Conflict(std::move(rows).error());
  return rows->at(0).Int(0);
}

Status ContactRepository::Update(Connection& connection, const Contact& contact,
                                 const std::optional<std::string>& password_hash,
                                 time::Micros now) {
  storage::Params params = Fields(contact);
  params.insert(params.end(),
                {now, Nullable(password_hash), contact.id, Nullable(contact.country)});
  if (auto done = connection.TryExecute(kUpdate, params); !done.ok()) {
    return Conflict(std::move(done).error());
  }
  return Ok{};
}

void ContactRepository::SetPassword(Connection& connection, int64_t id,
                                    const std::string& password_hash, bool activate,
                                    time::Micros now) {
  connection.Execute(activate ? kActivate : kSetPassword, {password_hash, now, id});
}

void ContactRepository::SetLastLogin(Connection& connection, int64_t id, time::Micros at) {
  connection.Execute(kSetLastLogin, {at, id});
}

bool ContactRepository::Delete(Connection& connection, int64_t id) {
  return connection.Execute(kDelete, {id}) > 0;
}

void ContactRepository::DeleteForCustomer(Connection& connection, int64_t customer_id) {
  connection.Execute(kDeleteTokensOfCustomer, {customer_id});
  connection.Execute(kDeleteOfCustomer, {customer_id});
}

std::vector<ContactName> ContactRepository::ListWithAccess(Connection& connection,
                                                           int64_t customer_id) {
  std::vector<ContactName> contacts;
  for (const auto& row : connection.Query(kListWithAccess, {customer_id})) {
    std::string name = row.Text(1);
    if (const auto last = row.OptionalText(2); last && !last->empty()) name += " " + *last;
    contacts.push_back({row.Int(0), std::move(name)});
  }
  return contacts;
}

int64_t ContactRepository::RevokeAccessOf(Connection& connection, int64_t customer_id,
                                          time::Micros at) {
  // Their portal sessions and pending links end with their access.
  connection.Execute(kDeleteTokensOfCustomer, {customer_id});
  return connection.Execute(kRevokeAccessOf, {customer_id, at});
}

int64_t ContactRepository::InsertToken(Connection& connection, const std::string& token_hash,
                                       int64_t contact_id, TokenPurpose purpose,
                                       const std::optional<std::string>& csrf_hash,
                                       time::Micros now, time::Micros expires_at) {
  return connection
      .Query(kInsertToken, {token_hash, contact_id, std::string(Name(purpose)), Nullable(csrf_hash),
                            now, expires_at})
      .at(0)
      .Int(0);
}

void ContactRepository::DeleteTokens(Connection& connection, int64_t contact_id,
                                     TokenPurpose purpose) {
  connection.Execute(kDeleteTokens, {contact_id, std::string(Name(purpose))});
}

std::optional<TakenToken> ContactRepository::TakeToken(Connection& connection,
                                                       const std::string& token_hash,
                                                       TokenPurpose purpose) {
  const auto rows = connection.Query(kTakeToken, {token_hash, std::string(Name(purpose))});
  if (rows.empty()) return std::nullopt;
  return TakenToken{rows[0].Int(0), rows[0].Int(1)};
}

bool ContactRepository::HasTokenSince(Connection& connection, int64_t contact_id,
                                      TokenPurpose purpose, time::Micros since) {
  return !connection.Query(kHasTokenSince, {contact_id, std::string(Name(purpose)), since}).empty();
}

std::optional<ContactSession> ContactRepository::FindSession(Connection& connection,
                                                             const std::string& token_hash) {
  const auto rows =
      connection.Query(kFindSession, {token_hash, std::string(Name(TokenPurpose::kSession))});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return ContactSession{row.Int(0),
                        row.OptionalText(1),
                        row.Int(2),
                        row.Int(3),
                        row.Int(4),
                        row.Text(5),
                        row.OptionalText(6),
                        row.Text(7),
                        ParsePortalAccess(row.Text(8)).value_or(PortalAccess::kRevoked)};
}

void ContactRepository::DeleteSession(Connection& connection, int64_t token_id,
                                      int64_t contact_id) {
  connection.Execute(kDeleteSession, {token_id, contact_id});
}

std::vector<Favorite> ContactRepository::Favorites(Connection& connection, int64_t contact_id) {
  std::vector<Favorite> favorites;
  for (const auto& row : connection.Query(kFavorites, {contact_id})) {
    favorites.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3)});
  }
  return favorites;
}

std::vector<int64_t> ContactRepository::FavoriteIds(Connection& connection, int64_t contact_id) {
  std::vector<int64_t> ids;
  for (const auto& row : connection.Query(kFavoriteIds, {contact_id})) ids.push_back(row.Int(0));
  return ids;
}

bool ContactRepository::ProductExists(Connection& connection, int64_t product_id) {
  return !connection.Query(kProductExists, {product_id}).empty();
}

void ContactRepository::AddFavorite(Connection& connection, int64_t contact_id, int64_t product_id,
                                    time::Micros now) {
  connection.Execute(kAddFavorite, {contact_id, product_id, now});
}

void ContactRepository::RemoveFavorite(Connection& connection, int64_t contact_id,
                                       int64_t product_id) {
  connection.Execute(kRemoveFavorite, {contact_id, product_id});
}

}  // namespace cartera::contacts
