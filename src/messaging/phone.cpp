#include "messaging/phone.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <set>

namespace cartera::messaging {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

bool IsKnownCountry(std::string_view country) {
  if (country.size() != 2) return false;
  static const std::set<std::string> regions = [] {
    std::set<std::string> all;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&all);
    return all;
  }();
  return regions.contains(std::string(country));
}

std::optional<std::string> ToE164(std::string_view number, std::string_view country) {
  if (number.empty() || number.size() > 40) return std::nullopt;
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  std::string text(number);
  if (text.starts_with("00")) text = "+" + text.substr(2);
  const std::string region = IsKnownCountry(country) ? std::string(country) : "ZZ";
  if (util->Parse(text, region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  // "Possible" (the length fits the country's plan) rather than "valid" (a range in service):
  // the metadata of a 2022 library must not refuse a range a carrier opened since.
  if (!util->IsPossibleNumber(parsed)) return std::nullopt;
  std::string formatted;
  util->Format(parsed, PhoneNumberUtil::E164, &formatted);
  return formatted;
}

void CheckPhoneNumber(const std::optional<std::string>& number, std::string_view field,
                      std::string_view country, std::vector<FieldError>& errors) {
  if (!number || number->empty() || ToE164(*number, country)) return;
  errors.push_back({std::string(field), "invalid_phone",
                    "Not a possible phone number in " + std::string(country) + "."});
}

}  // namespace cartera::messaging
