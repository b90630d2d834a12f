#include "contacts/contact_tokens.hpp"

#include "common/crypto.hpp"

namespace cartera::contacts {

IssuedToken IssueToken(storage::Connection& connection, int64_t contact_id, TokenPurpose purpose,
                       time::Micros lifetime, time::Micros now) {
  ContactRepository repository;
  IssuedToken issued;
  issued.token = crypto::RandomToken();
  std::optional<std::string> csrf_hash;
  if (purpose == TokenPurpose::kSession) {
    issued.csrf_token = crypto::RandomToken();
    csrf_hash = crypto::Sha256Hex(issued.csrf_token);
  } else {
    repository.DeleteTokens(connection, contact_id, purpose);
  }
  issued.id = repository.InsertToken(connection, crypto::Sha256Hex(issued.token), contact_id,
                                     purpose, csrf_hash, now, now + lifetime);
  return issued;
}

std::optional<int64_t> ConsumeToken(storage::Connection& connection, std::string_view token,
                                    TokenPurpose purpose, time::Micros now) {
  const auto taken = ContactRepository{}.TakeToken(connection, crypto::Sha256Hex(token), purpose);
  if (!taken || taken->expires_at < now) return std::nullopt;
  return taken->contact_id;
}

void EndSessions(storage::Connection& connection, int64_t contact_id) {
  ContactRepository{}.DeleteTokens(connection, contact_id, TokenPurpose::kSession);
}

}  // namespace cartera::contacts
