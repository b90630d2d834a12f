#include "customers/customer.hpp"

#include "common/text.hpp"

namespace cartera::customers {

std::string SearchText(const Customer& customer) {
  // '|' separates the parts so that a fragment never matches across two fields' boundary
  // by accident of concatenation.
  std::string out = text::Normalise(customer.name);
  const auto add = [&out](std::string_view part) {
    if (part.empty()) return;
    out += " | ";
    out += part;
  };
  add(text::Normalise(customer.legal_name.value_or("")));
  add(text::Normalise(customer.email.value_or("")));
  add(text::DigitsOnly(customer.phone.value_or("")));
  add(text::DigitsOnly(customer.whatsapp.value_or("")));
  add(text::Normalise(customer.tax_id.value_or("")));
  const std::string tax_key = TaxIdKey(customer.tax_id.value_or(""));
  add(text::Normalise(tax_key));
  return out;
}

std::string TaxIdKey(std::string_view tax_id) {
  std::string key;
  for (const char c : tax_id) {
    if (c >= 'a' && c <= 'z') {
      key.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    }
  }
  return key;
}

}  // namespace cartera::customers
