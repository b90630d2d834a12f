#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Who is calling: established by the http layer's authenticator, read by the domain (who acted,
// what they may see) without depending on HTTP.
namespace cartera {

enum class PrincipalKind { kNone, kStaff, kContact };

// A staff user's role (staff_users.role): what the router lets them do.
enum class StaffRole { kOwner, kAdmin, kSales, kViewer };
// The one table of role names, in StaffRole's order (the JSON and database values).
inline constexpr std::array<std::string_view, 4> kStaffRoleNames = {"owner", "admin", "sales",
                                                                    "viewer"};
inline std::string_view StaffRoleName(StaffRole role) {
  return kStaffRoleNames[static_cast<size_t>(role)];
}
inline std::optional<StaffRole> ParseStaffRole(std::string_view name) {
  for (size_t i = 0; i < kStaffRoleNames.size(); ++i) {
    if (kStaffRoleNames[i] == name) return static_cast<StaffRole>(i);
  }
  return std::nullopt;
}

// Who is calling, as established by the authenticator.
struct Principal {
  PrincipalKind kind = PrincipalKind::kNone;
  int64_t id = 0;                       // staff user id, or contact id
  StaffRole role = StaffRole::kViewer;  // staff only
  int64_t customer_id = 0;              // contacts: the customer the contact buys for
  std::string name;
  std::string email;
  int64_t token_id = 0;     // the session or API token used
  bool via_cookie = false;  // authenticated by the session cookie (CSRF applies)
  bool csrf_ok = false;     // the X-CSRF-Token header matched the session
};

}  // namespace cartera
