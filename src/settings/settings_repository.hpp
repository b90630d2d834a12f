#pragma once

#include <string>
#include <utility>
#include <vector>

#include "storage/database.hpp"

// Every statement on `settings` (one row per key).
namespace cartera::settings {

class SettingsRepository {
 public:
  // Every stored key and value.
  std::vector<std::pair<std::string, std::string>> All(storage::Connection& connection);
  // Inserts or replaces the value of `key`.
  void Put(storage::Connection& connection, const std::string& key, const std::string& value);
};

}  // namespace cartera::settings
