#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.hpp"
#include "contacts/contact_repository.hpp"
#include "storage/database.hpp"

// Contacts' tokens: portal sessions, invitations and password resets. Each is 256 random bits
// shown once; only its SHA-256 is stored.
namespace cartera::contacts {

struct IssuedToken {
  std::string token;       // shown once (mail link, session cookie)
  std::string csrf_token;  // sessions only
  int64_t id = 0;
};

// A new token for `contact_id` on the caller's connection. For invitations and password resets
// the contact's older tokens of the same purpose stop working (only the newest link works).
IssuedToken IssueToken(storage::Connection& connection, int64_t contact_id, TokenPurpose purpose,
                       time::Micros lifetime, time::Micros now);

// Uses up an invitation or password-reset token: answers its contact and deletes it, or nullopt
// when the token is unknown, of another purpose or expired. In the caller's transaction, so
// two uses of one link cannot both succeed.
std::optional<int64_t> ConsumeToken(storage::Connection& connection, std::string_view token,
                                    TokenPurpose purpose, time::Micros now);

// Ends every session of the contact (revoked access, new password, deletion).
void EndSessions(storage::Connection& connection, int64_t contact_id);

}  // namespace cartera::contacts
