#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/embedded.hpp"
#include "storage/database.hpp"

// Migration files and their dialect tokens: see src/storage/migrations/README.md.
namespace cartera::storage {

// A migration file that cannot be used: an unknown or unclosed token, or a misplaced file.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One migration as a backend applies it.
struct Migration {
  std::string name;  // the file name, as recorded in schema_migrations ("001_foundation.sql")
  std::string sql;   // its text with every {{TOKEN}} expanded for the backend
};

// Replaces each {{TOKEN}} in `text` with its spelling in `dialect`. Throws MigrationError, naming
// `file` and the line, for an unknown token or a "{{" that is not closed.
std::string ExpandTokens(std::string_view file, std::string_view text, Dialect dialect);

// The migrations of `dialect`, in name order: every shared file ("NNN_name.sql") and every file
// in the backend's own folder ("sqlite/NNN_name.sql" or "postgres/NNN_name.sql"). Throws
// MigrationError when a name is both shared and per-backend, for a folder that is not a backend,
// or for a file whose tokens do not expand.
std::vector<Migration> MigrationsFor(Dialect dialect, const std::vector<embedded::File>& files);

}  // namespace cartera::storage
