#pragma once

#include "common/principal.hpp"
#include "common/result.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "staff/auth_service.hpp"
#include "staff/staff_service.hpp"

namespace cartera::staff {

// /api/v1/auth/*, /api/v1/staff, /api/v1/api-tokens.
void RegisterRoutes(http::Router& router, AuthService& auth, StaffService& staff);

// The staff caller of `request`: the bearer token (`Authorization: Bearer`), else the session
// cookie with its X-CSRF-Token header. Errors: kUnauthenticated `unauthenticated`.
Result<Principal> Authenticate(AuthService& auth, const http::Request& request);

}  // namespace cartera::staff
