#include "settings/settings_repository.hpp"

namespace cartera::settings {
namespace {

constexpr std::string_view kAll = "SELECT key, value FROM settings";
constexpr std::string_view kPut =
    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
    "excluded.value";

}  // namespace

std::vector<std::pair<std::string, std::string>> SettingsRepository::All(
    storage::Connection& connection) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& row : connection.Query(kAll)) values.emplace_back(row.Text(0), row.Text(1));
  return values;
}

void SettingsRepository::Put(storage::Connection& connection, const std::string& key,
                             const std::string& value) {
  connection.Execute(kPut, {key, value});
}

}  // namespace cartera::settings
