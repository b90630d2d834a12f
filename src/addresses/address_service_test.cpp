// The default rules of addresses (F7) on both backends: one default per purpose (a `both`
// address serves two), the first of a purpose becomes the default, deleting promotes none, the
// customer's default shipping address, the cap, and the events.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "addresses/address_service.hpp"
#include "common/crypto.hpp"
#include "customers/customer_repository.hpp"
#include "storage/database.hpp"

namespace cartera::addresses {
namespace {

TEST(AddressPurposes, BothServesShippingAndBilling) {
  EXPECT_TRUE(ServesShipping("shipping"));
  EXPECT_TRUE(ServesShipping("both"));
  EXPECT_FALSE(ServesShipping("billing"));
  EXPECT_TRUE(ServesBilling("billing"));
  EXPECT_TRUE(ServesBilling("both"));
  EXPECT_FALSE(ServesBilling("shipping"));
  EXPECT_TRUE(SharePurpose("shipping", "both"));
  EXPECT_TRUE(SharePurpose("billing", "both"));
  EXPECT_TRUE(SharePurpose("both", "both"));
  EXPECT_TRUE(SharePurpose("shipping", "shipping"));
  EXPECT_FALSE(SharePurpose("shipping", "billing"));
  EXPECT_FALSE(SharePurpose("billing", "shipping"));
}

class AddressRules : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialise());
    const std::string suffix = crypto::Sha256Hex(crypto::RandomToken()).substr(0, 12);
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / ("cartera_addresses_" + suffix + ".db");
      database_ = storage::Open("sqlite:" + path_.string(), 2);
    } else {
      const char* admin_url = std::getenv("CARTERA_TEST_PG_URL");
      if (!admin_url) GTEST_SKIP() << "CARTERA_TEST_PG_URL not set";
      admin_ = storage::Open(admin_url, 1);
      name_ = "cartera_addresses_" + suffix;
      admin_->Acquire()->Execute("CREATE DATABASE " + name_);
      std::string url = admin_url;
      url = url.substr(0, url.rfind('/') + 1) + name_;
      database_ = storage::Open(url, 2);
    }
    storage::Migrate(*database_);
    customers::Customer customer;
    customer.name = "Ferretería Núñez";
    customer.currency = "EUR";
    customer.language = "es";
    customer.created_at = customer.updated_at = 1000;
    auto connection = database_->Acquire();
    auto inserted = repository_.Insert(*connection, customer);
    ASSERT_TRUE(inserted.ok());
    customer_id_ = inserted->id;
    service_ = std::make_unique<AddressService>(*database_);
  }

  void TearDown() override {
    service_.reset();
    database_.reset();
    if (!path_.empty()) {
      for (const char* extension : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path_.string() + extension);
      }
    }
    if (admin_) admin_->Acquire()->Execute("DROP DATABASE IF EXISTS " + name_);
  }

  Address Add(std::string kind, std::string line1, std::optional<bool> is_default = {}) {
    AddressInput input;
    input.kind = std::move(kind);
    input.line1 = std::move(line1);
    input.city = "Madrid";
    input.country = "ES";
    input.is_default = is_default;
    auto created = service_->Create(customer_id_, input, actor_);
    EXPECT_TRUE(created.ok());
    return created.ok() ? *created : Address{};
  }

  // line1 of every default, in list order.
  std::vector<std::string> Defaults() {
    std::vector<std::string> lines;
    auto list = service_->List(customer_id_);
    for (const auto& address : *list) {
      if (address.is_default) lines.push_back(address.line1);
    }
    return lines;
  }

  std::optional<std::string> DefaultShipping() {
    auto connection = database_->Acquire();
    const auto customer = repository_.FindById(*connection, customer_id_);
    if (!customer || !customer->default_address) return std::nullopt;
    return customer->default_address->line1;
  }

  int64_t Events(std::string_view type) {
    auto connection = database_->Acquire();
    return connection
        ->Query("SELECT COUNT(*) FROM customer_events WHERE customer_id = $1 AND type = $2",
                {customer_id_, std::string(type)})
        .at(0)
        .Int(0);
  }

  std::filesystem::path path_;
  std::string name_;
  std::unique_ptr<storage::Database> admin_;
  std::unique_ptr<storage::Database> database_;
  customers::CustomerRepository repository_;
  std::unique_ptr<AddressService> service_;
  history::EventActor actor_{"staff", 1, "Ana"};
  int64_t customer_id_ = 0;
};

TEST_P(AddressRules, FirstOfAPurposeBecomesTheDefault) {
  EXPECT_EQ(DefaultShipping(), std::nullopt);
  const Address billing = Add("billing", "Facturas 1");
  EXPECT_TRUE(billing.is_default);
  EXPECT_EQ(DefaultShipping(), std::nullopt) << "a billing address is not for shipping";
  const Address shipping = Add("shipping", "Almacén 1");
  EXPECT_TRUE(shipping.is_default) << "the first shipping address";
  const Address both = Add("both", "Oficina");
  EXPECT_FALSE(both.is_default) << "both purposes already have a default";
  const Address second = Add("shipping", "Almacén 2");
  EXPECT_FALSE(second.is_default);
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Facturas 1", "Almacén 1"}));
  EXPECT_EQ(DefaultShipping(), "Almacén 1");
  // Explicitly not the default, though it is the first of nothing in particular.
  EXPECT_FALSE(Add("billing", "Facturas 2", false).is_default);
  EXPECT_EQ(Events("address_added"), 5);
}

TEST_P(AddressRules, ABothDefaultTakesBothPurposes) {
  const Address shipping = Add("shipping", "Almacén");
  const Address billing = Add("billing", "Facturas");
  ASSERT_TRUE(shipping.is_default && billing.is_default);
  const Address both = Add("both", "Oficina", true);
  EXPECT_TRUE(both.is_default);
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Oficina"}));
  EXPECT_EQ(DefaultShipping(), "Oficina");
  // Each address that lost its default got a new version and a recorded change.
  EXPECT_EQ(service_->Find(shipping.id)->version, 2);
  EXPECT_EQ(service_->Find(billing.id)->version, 2);
  EXPECT_EQ(Events("address_updated"), 2);

  // A shipping default takes shipping from the `both` default, which then serves neither.
  AddressInput make_default;
  make_default.is_default = true;
  auto updated = service_->Update(shipping.id, make_default, 2, actor_);
  ASSERT_TRUE(updated.ok());
  EXPECT_TRUE(updated->is_default);
  EXPECT_EQ(updated->version, 3);
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Almacén"}));
  EXPECT_EQ(DefaultShipping(), "Almacén");
  // A billing default leaves the shipping default alone.
  ASSERT_TRUE(service_->Update(billing.id, make_default, std::nullopt, actor_).ok());
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Almacén", "Facturas"}));

  // A default that changes kind to `both` takes the other purpose too.
  AddressInput widen;
  widen.kind = "both";
  ASSERT_TRUE(service_->Update(shipping.id, widen, std::nullopt, actor_).ok());
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Almacén"}));
  EXPECT_EQ(DefaultShipping(), "Almacén");
}

TEST_P(AddressRules, StaleVersionsAndNoChangesWriteNothing) {
  const Address shipping = Add("shipping", "Almacén");
  AddressInput same;
  same.line1 = "Almacén";
  auto unchanged = service_->Update(shipping.id, same, 1, actor_);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->version, 1);
  EXPECT_EQ(Events("address_updated"), 0);
  AddressInput rename;
  rename.label = "Nave";
  auto stale = service_->Update(shipping.id, rename, 7, actor_);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_->Find(shipping.id)->label, std::nullopt);
}

TEST_P(AddressRules, DeletingTheDefaultPromotesNone) {
  const Address first = Add("shipping", "Almacén 1");
  Add("shipping", "Almacén 2");
  ASSERT_TRUE(service_->Delete(first.id, actor_).ok());
  EXPECT_TRUE(Defaults().empty());
  EXPECT_EQ(DefaultShipping(), std::nullopt);
  EXPECT_EQ(Events("address_deleted"), 1);
  const auto again = service_->Delete(first.id, actor_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_P(AddressRules, AtMostFiftyPerCustomer) {
  for (int i = 0; i < kMaxPerCustomer; ++i) Add("billing", "Calle " + std::to_string(i));
  AddressInput input;
  input.kind = "shipping";
  input.line1 = "Una más";
  input.city = "Madrid";
  input.country = "ES";
  const auto refused = service_->Create(customer_id_, input, actor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kValidation);
  ASSERT_EQ(refused.error().fields.size(), 1U);
  EXPECT_EQ(refused.error().fields[0].field, "addresses");
  EXPECT_EQ(refused.error().fields[0].code, "too_many");
  auto list = service_->List(customer_id_);
  EXPECT_EQ(list->size(), static_cast<size_t>(kMaxPerCustomer));
}

TEST_P(AddressRules, UnknownCustomerAndOtherCustomersAddresses) {
  const auto unknown = service_->List(customer_id_ + 1000);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  AddressInput input;
  input.kind = "shipping";
  input.line1 = "x";
  input.city = "y";
  input.country = "ES";
  const auto refused = service_->Create(customer_id_ + 1000, input, actor_);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  const Address mine = Add("shipping", "Almacén");
  auto connection = database_->Acquire();
  EXPECT_TRUE(FindOfCustomer(*connection, customer_id_, mine.id).has_value());
  EXPECT_FALSE(FindOfCustomer(*connection, customer_id_ + 1, mine.id).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, AddressRules, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace
}  // namespace cartera::addresses
