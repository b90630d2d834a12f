#pragma once

#include <optional>
#include <string_view>

namespace cartera::validation {

// A pragmatic address check: one '@', a non-empty local part without spaces or control
// characters, a domain of dot-separated labels (letters, digits, hyphens) with a dot, and at
// most 254 characters in all.
bool IsEmail(std::string_view email);

// An active ISO 4217 alphabetic code ("EUR", "MXN").
bool IsCurrencyCode(std::string_view code);
// ISO 3166-1 alpha-2 in upper case: "ES", "MX".
bool IsCountryCode(std::string_view code);
// Digits after the decimal point for an ISO 4217 code (JPY 0, EUR 2, KWD 3).
int CurrencyMinorUnits(std::string_view code);

// An ISO 639-1 code, optionally with an ISO 3166-1 region ("es", "es-MX", "pt-BR").
bool IsLanguageCode(std::string_view code);

// A JSON number as hundredths when it has at most two decimals (12.5 -> 1250); nullopt
// otherwise. Used for percentages.
std::optional<long long> ToHundredths(double value);

}  // namespace cartera::validation
