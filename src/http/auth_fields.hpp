#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/json_input.hpp"

// What staff and contact sign-in share: the session cookies and the checks of an email and a
// password field.
namespace cartera::http {

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordLength = 200;

// A `Set-Cookie` value for the whole site, SameSite=Lax; HttpOnly unless the page must read it
// (the CSRF cookie). A max age of 0 deletes the cookie.
std::string CookieHeader(std::string_view name, std::string_view value, bool http_only,
                         int64_t max_age_seconds);

// Adds an error to `reader` when a present password is not kMinPasswordLength to
// kMaxPasswordLength characters long.
void CheckPassword(FieldReader& reader, const Field<std::string>& password);
// Adds an error to `reader` when a present email is not a valid address.
void CheckEmail(FieldReader& reader, const Field<std::string>& email);

}  // namespace cartera::http
