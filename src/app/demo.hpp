#pragma once

#include "storage/database.hpp"

namespace cartera::app {

// Fills an empty database with about 60 demo customers, a catalogue of 22 products in two
// warehouses, and a dozen orders and quotes; does nothing when customers exist.
// Returns how many were created.
int LoadDemoData(storage::Database& database);

}  // namespace cartera::app
