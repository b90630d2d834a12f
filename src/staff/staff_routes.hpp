#pragma once

#include "http/router.hpp"
#include "staff/auth_service.hpp"
#include "staff/staff_repository.hpp"

namespace cartera::staff {

// /api/v1/auth/*, /api/v1/staff, /api/v1/api-tokens.
void RegisterRoutes(http::Router& router, AuthService& auth, StaffRepository& repository);

}  // namespace cartera::staff
