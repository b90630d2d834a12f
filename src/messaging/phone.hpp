#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

// Phone numbers as WhatsApp needs them (F26), read with Google's libphonenumber (Debian's).
namespace cartera::messaging {

// True for an ISO 3166-1 alpha-2 region libphonenumber knows ("ES", "MX"; upper case).
bool IsKnownCountry(std::string_view country);

// `number` as E.164 ("+34612345678"), read as dialled in `country` unless it starts with '+'
// or 00; nullopt when it cannot be a phone number there (too short, too long, wrong digits).
std::optional<std::string> ToE164(std::string_view number, std::string_view country);

// Adds an `invalid_phone` error on `field` when `number` is set and is not a possible number
// in `country` (the record's own, else its customer's, else the store's default_country).
void CheckPhoneNumber(const std::optional<std::string>& number, std::string_view field,
                      std::string_view country, std::vector<FieldError>& errors);

}  // namespace cartera::messaging
