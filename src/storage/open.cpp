#include <string>

#include "storage/backends.hpp"

namespace cartera::storage {

std::unique_ptr<Database> Open(const std::string& url, size_t pool_size) {
  if (url.rfind("sqlite:", 0) == 0) return OpenSqlite(url.substr(7), pool_size);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgres(url, pool_size);
  }
  throw DatabaseError("unsupported database URL (use sqlite:PATH or postgresql://…)");
}

}  // namespace cartera::storage
