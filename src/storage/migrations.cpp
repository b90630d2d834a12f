#include <string>

#include "common/embedded.hpp"
#include "common/time.hpp"
#include "storage/database.hpp"

namespace cartera::storage {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT "
    "NULL)";
// Any constant will do: it only has to be the same in every Cartera process.
constexpr std::string_view kPostgresLock = "SELECT pg_advisory_xact_lock(4242001)";

}  // namespace

std::vector<std::string> Migrate(Database& database) {
  const std::string folder = database.dialect() == Dialect::kSqlite ? "sqlite/" : "postgres/";
  std::vector<std::string> applied;
  auto connection = database.Acquire();
  connection->Execute(kCreateTable);
  for (const auto& file : embedded::Migrations()) {
    if (file.name.rfind(folder, 0) != 0) continue;
    const std::string name(file.name.substr(folder.size()));
    connection->Begin();
    try {
      if (database.dialect() == Dialect::kPostgres) connection->Query(kPostgresLock);
      const bool done =
          !connection->Query("SELECT 1 FROM schema_migrations WHERE name = $1", {name}).empty();
      if (!done) {
        connection->ExecuteScript(file.text);
        connection->Execute("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
                            {name, time::Now()});
        applied.push_back(name);
      }
      connection->Commit();
    } catch (...) {
      connection->Rollback();
      throw;
    }
  }
  return applied;
}

}  // namespace cartera::storage
