#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

// Backend constructors used by storage::Open; nothing else includes this.
namespace cartera::storage {

std::unique_ptr<Database> OpenSqlite(const std::string& path, size_t pool_size);
std::unique_ptr<Database> OpenPostgres(const std::string& url, size_t pool_size);

}  // namespace cartera::storage
