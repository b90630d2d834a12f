#include "http/auth_fields.hpp"

#include "common/validation.hpp"

namespace cartera::http {

std::string CookieHeader(std::string_view name, std::string_view value, bool http_only,
                         int64_t max_age_seconds) {
  std::string header = std::string(name) + "=" + std::string(value) +
                       "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (http_only) header += "; HttpOnly";
  return header;
}

void CheckPassword(FieldReader& reader, const Field<std::string>& password) {
  if (password.value && (password.value->size() < kMinPasswordLength ||
                         password.value->size() > kMaxPasswordLength)) {
    reader.AddError("password", "out_of_range",
                    "From " + std::to_string(kMinPasswordLength) + " to " +
                        std::to_string(kMaxPasswordLength) + " characters.");
  }
}

void CheckEmail(FieldReader& reader, const Field<std::string>& email) {
  if (email.value && !validation::IsEmail(*email.value)) {
    reader.AddError("email", "invalid", "Not a valid email address.");
  }
}

}  // namespace cartera::http
