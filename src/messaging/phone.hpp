#pragma once

#include <optional>
#include <string>
#include <string_view>

// Phone numbers as WhatsApp needs them (F26), read with Google's libphonenumber (Debian's).
namespace cartera::messaging {

// True for an ISO 3166-1 alpha-2 region libphonenumber knows ("ES", "MX"; upper case).
bool IsKnownCountry(std::string_view country);

// `number` as E.164 ("+34612345678"), read as dialled in `country` unless it starts with '+'
// or 00; nullopt when it cannot be a phone number there (too short, too long, wrong digits).
std::optional<std::string> ToE164(std::string_view number, std::string_view country);

}  // namespace cartera::messaging
