#pragma once

#include <cstdint>
#include <string>

// Who is calling: established by the http layer's authenticator, read by the domain (who acted,
// what they may see) without depending on HTTP.
namespace cartera {

enum class PrincipalKind { kNone, kStaff, kContact };

// Who is calling, as established by the authenticator.
struct Principal {
  PrincipalKind kind = PrincipalKind::kNone;
  int64_t id = 0;           // staff user id, or contact id
  std::string role;         // staff: owner | admin | sales | viewer; contacts: empty
  int64_t customer_id = 0;  // contacts: the customer the contact buys for
  std::string name;
  std::string email;
  int64_t token_id = 0;     // the session or API token used
  bool via_cookie = false;  // authenticated by the session cookie (CSRF applies)
  bool csrf_ok = false;     // the X-CSRF-Token header matched the session
};

}  // namespace cartera
