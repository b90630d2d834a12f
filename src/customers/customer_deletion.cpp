#include "customers/customer_deletion.hpp"

#include "common/crypto.hpp"

namespace cartera::customers {

std::string NewDeletionCode() {
  return crypto::RandomCode(kDeletionCodeLength, kDeletionCodeAlphabet);
}

std::string NormaliseDeletionCode(std::string_view typed) {
  std::string code;
  code.reserve(typed.size());
  for (const char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return code;
}

std::string HashDeletionCode(int64_t customer_id, std::string_view normalised_code) {
  return crypto::Sha256Hex("customer-deletion:" + std::to_string(customer_id) + ":" +
                           std::string(normalised_code));
}

}  // namespace cartera::customers
