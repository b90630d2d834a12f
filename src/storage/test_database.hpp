#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/crypto.hpp"
#include "storage/database.hpp"

// For unit tests: a fresh, migrated database on one backend ("sqlite" or "postgresql"), removed
// when the TestDatabase goes. PostgreSQL needs CARTERA_TEST_PG_URL (an admin URL); without it
// get() is null and the test skips.
namespace cartera::storage {

class TestDatabase {
 public:
  TestDatabase(const std::string& backend, const std::string& prefix, size_t pool_size = 2) {
    if (!crypto::Initialise()) return;
    const std::string name = prefix + crypto::Sha256Hex(crypto::RandomToken()).substr(0, 12);
    if (backend == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / (name + ".db");
      database_ = Open("sqlite:" + path_.string(), pool_size);
    } else {
      const char* admin_url = std::getenv("CARTERA_TEST_PG_URL");
      if (!admin_url) return;
      admin_ = Open(admin_url, 1);
      admin_->Acquire()->Execute("CREATE DATABASE " + name);
      name_ = name;
      const std::string url(admin_url);
      database_ = Open(url.substr(0, url.rfind('/') + 1) + name_, pool_size);
    }
    Migrate(*database_);
  }
  ~TestDatabase() {
    database_.reset();
    if (!path_.empty()) {
      for (const char* extension : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path_.string() + extension);
      }
    }
    if (admin_ && !name_.empty()) admin_->Acquire()->Execute("DROP DATABASE IF EXISTS " + name_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Database* get() const { return database_.get(); }

 private:
  std::filesystem::path path_;
  std::string name_;
  std::unique_ptr<Database> admin_;
  std::unique_ptr<Database> database_;
};

}  // namespace cartera::storage
