#include "contacts/contact_tokens.hpp"

#include "common/crypto.hpp"

namespace cartera::contacts {

IssuedToken IssueToken(storage::Connection& connection, int64_t contact_id,
                       std::string_view purpose, time::Micros lifetime, time::Micros now) {
  IssuedToken issued;
  issued.token = crypto::RandomToken();
  storage::Value csrf_hash = nullptr;
  if (purpose == "session") {
    issued.csrf_token = crypto::RandomToken();
    csrf_hash = crypto::Sha256Hex(issued.csrf_token);
  } else {
    connection.Execute("DELETE FROM contact_tokens WHERE contact_id = $1 AND purpose = $2",
                       {contact_id, std::string(purpose)});
  }
  issued.id = connection
                  .Query(
                      "INSERT INTO contact_tokens (token_hash, contact_id, purpose, csrf_hash, "
                      "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                      {crypto::Sha256Hex(issued.token), contact_id, std::string(purpose), csrf_hash,
                       now, now + lifetime})
                  .at(0)
                  .Int(0);
  return issued;
}

std::optional<int64_t> ConsumeToken(storage::Connection& connection, std::string_view token,
                                    std::string_view purpose, time::Micros now) {
  const auto rows = connection.Query(
      "DELETE FROM contact_tokens WHERE token_hash = $1 AND purpose = $2 RETURNING contact_id, "
      "expires_at",
      {crypto::Sha256Hex(token), std::string(purpose)});
  if (rows.empty() || rows[0].Int(1) < now) return std::nullopt;
  return rows[0].Int(0);
}

void EndSessions(storage::Connection& connection, int64_t contact_id) {
  connection.Execute("DELETE FROM contact_tokens WHERE contact_id = $1 AND purpose = 'session'",
                     {contact_id});
}

}  // namespace cartera::contacts
