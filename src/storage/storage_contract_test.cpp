// One contract suite for both backends: SQLite always, PostgreSQL when CARTERA_TEST_PG_URL
// names an admin connection (scripts/test.sh starts one).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "common/crypto.hpp"
#include "customers/customer_repository.hpp"
#include "storage/database.hpp"

namespace cartera::storage {
namespace {

class StorageContract : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialise());
    const std::string suffix = crypto::Sha256Hex(crypto::RandomToken()).substr(0, 12);
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / ("cartera_contract_" + suffix + ".db");
      database_ = Open("sqlite:" + path_.string(), 4);
    } else {
      const char* admin_url = std::getenv("CARTERA_TEST_PG_URL");
      if (!admin_url) GTEST_SKIP() << "CARTERA_TEST_PG_URL not set";
      admin_ = Open(admin_url, 1);
      name_ = "cartera_contract_" + suffix;
      admin_->Acquire()->Execute("CREATE DATABASE " + name_);
      std::string url = admin_url;
      url = url.substr(0, url.rfind('/') + 1) + name_;
      database_ = Open(url, 4);
    }
    Migrate(*database_);
  }

  void TearDown() override {
    database_.reset();
    if (!path_.empty()) {
      for (const char* extension : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path_.string() + extension);
      }
    }
    if (admin_) admin_->Acquire()->Execute("DROP DATABASE IF EXISTS " + name_);
  }

  customers::Customer Sample(const std::string& name) {
    customers::Customer customer;
    customer.name = name;
    customer.currency = "EUR";
    customer.language = "es";
    customer.created_at = customer.updated_at = 1000;
    return customer;
  }

  std::filesystem::path path_;
  std::string name_;
  std::unique_ptr<Database> admin_;
  std::unique_ptr<Database> database_;
  customers::CustomerRepository repository_;
};

TEST_P(StorageContract, MigrationsAreIdempotent) { EXPECT_TRUE(Migrate(*database_).empty()); }

TEST_P(StorageContract, InsertFindAndUpdateWithVersion) {
  auto connection = database_->Acquire();
  auto sample = Sample("Comercial Eléctrica S.A.");
  sample.tags = {"VIP", "mayorista"};
  auto inserted = repository_.Insert(*connection, sample);
  ASSERT_TRUE(inserted.ok());
  auto found = repository_.FindById(*connection, inserted->id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Comercial Eléctrica S.A.");
  EXPECT_EQ(found->tags, (std::vector<std::string>{"mayorista", "VIP"}));

  customers::Customer changed = *found;
  changed.phone = "+34 612 345 678";
  changed.version = 2;
  ASSERT_TRUE(repository_.Update(*connection, changed, 1).ok());
  const auto stale = repository_.Update(*connection, changed, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(StorageContract, SearchIsAccentAndCaseInsensitiveAndFindsPhoneDigits) {
  auto connection = database_->Acquire();
  auto electrica = Sample("Comercial Eléctrica S.A.");
  electrica.phone = "+34 612 345 678";
  ASSERT_TRUE(repository_.Insert(*connection, electrica).ok());
  ASSERT_TRUE(repository_.Insert(*connection, Sample("Ferretería Núñez")).ok());
  const auto names = [&](const std::string& q) {
    customers::ListQuery query;
    query.q = q;
    query.sort = customers::SortOrder::kSearchNewest;
    std::vector<std::string> found;
    const auto page = repository_.List(*connection, query);
    for (const auto& customer : page->items) {
      found.push_back(customer.name);
    }
    return found;
  };
  EXPECT_EQ(names("electrica"), std::vector<std::string>{"Comercial Eléctrica S.A."});
  EXPECT_EQ(names("NÚÑEZ"), std::vector<std::string>{"Ferretería Núñez"});
  EXPECT_EQ(names("345 6"), std::vector<std::string>{"Comercial Eléctrica S.A."});
  EXPECT_EQ(names("fe"), std::vector<std::string>{"Ferretería Núñez"});
  EXPECT_TRUE(names("zzz").empty());
}

TEST_P(StorageContract, UniqueViolationBecomesAlreadyExists) {
  auto connection = database_->Acquire();
  auto first = Sample("A");
  first.external_id = "ERP-1";
  ASSERT_TRUE(repository_.Insert(*connection, first).ok());
  const auto second = repository_.Insert(*connection, first);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kAlreadyExists);
}

// Both backends name the refusing constraint the same way, so a repository tells its unique keys
// apart without reading the message: a unique index by its name, an inline UNIQUE column as
// <table>_<column>_key (staff_users.email_key: staff_users_email_key_key), a primary key as
// <table>_pkey.
TEST_P(StorageContract, UniqueViolationNamesTheConstraint) {
  auto connection = database_->Acquire();
  auto customer = Sample("A");
  customer.external_id = "ERP-7";
  ASSERT_TRUE(repository_.Insert(*connection, customer).ok());
  auto other = repository_.Insert(*connection, Sample("B"));
  ASSERT_TRUE(other.ok());
  const auto by_index = connection->TryExecute(
      "UPDATE customers SET external_id = 'ERP-7' WHERE id = $1", {other->id});
  ASSERT_FALSE(by_index.ok());
  EXPECT_EQ(by_index.error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(storage::IsUniqueViolation(by_index.error(), "customers_external_id"))
      << by_index.error().constraint;

  const char* staff =
      "INSERT INTO staff_users (id, email, email_key, name, role, password_hash, created_at, "
      "updated_at) VALUES ($1, $2, $2, 'N', 'viewer', 'x', 0, 0)";
  ASSERT_TRUE(connection->TryExecute(staff, {int64_t{900}, std::string("a@example.com")}).ok());
  const auto by_column =
      connection->TryExecute(staff, {int64_t{901}, std::string("a@example.com")});
  ASSERT_FALSE(by_column.ok());
  EXPECT_TRUE(storage::IsUniqueViolation(by_column.error(), "staff_users_email_key_key"))
      << by_column.error().constraint;
  const auto by_key = connection->TryExecute(staff, {int64_t{900}, std::string("b@example.com")});
  ASSERT_FALSE(by_key.ok());
  EXPECT_TRUE(storage::IsUniqueViolation(by_key.error(), "staff_users_pkey"))
      << by_key.error().constraint;
  EXPECT_FALSE(storage::IsUniqueViolation(by_key.error(), "staff_users_email_key_key"));
}

TEST_P(StorageContract, FailedTransactionLeavesNothing) {
  const auto result = database_->InTransaction([&](Connection& connection) -> Result<int> {
    EXPECT_TRUE(repository_.Insert(connection, Sample("Half written")).ok());
    return NotFound("anything");
  });
  EXPECT_FALSE(result.ok());
  auto connection = database_->Acquire();
  EXPECT_EQ(connection->Query("SELECT COUNT(*) FROM customers").at(0).Int(0), 0);
}

TEST_P(StorageContract, KeysetPagingVisitsEveryRowOnce) {
  auto connection = database_->Acquire();
  for (int i = 0; i < 23; ++i) {
    ASSERT_TRUE(repository_.Insert(*connection, Sample("Cliente " + std::to_string(i % 5))).ok());
  }
  customers::ListQuery query;
  query.limit = 4;
  std::set<int64_t> seen;
  std::string previous;
  for (int page = 0; page < 10; ++page) {
    auto result = repository_.List(*connection, query);
    ASSERT_TRUE(result.ok());
    for (const auto& customer : result->items) {
      EXPECT_TRUE(seen.insert(customer.id).second);
      EXPECT_LE(previous, customer.name);
      previous = customer.name;
    }
    if (!result->next_cursor) break;
    query.cursor = result->next_cursor;
  }
  EXPECT_EQ(seen.size(), 23U);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace
}  // namespace cartera::storage
