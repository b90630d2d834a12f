#pragma once

#include <string_view>

#include "storage/database.hpp"

namespace cartera::app {

// The demo's portal contact (of "Comercial Eléctrica S.A.").
inline constexpr std::string_view kDemoContactEmail = "compras@comercialelectrica.example";
inline constexpr std::string_view kDemoContactPassword = "cartera-demo";

// Fills an empty database with about 60 demo customers, a catalogue of 22 products in two
// warehouses, a dozen orders and quotes, and two contacts of the first customer (one who can
// sign in to the portal); does nothing when customers exist.
// Returns how many were created.
int LoadDemoData(storage::Database& database);

}  // namespace cartera::app
