// The default rules of addresses (F7) on both backends: one default per purpose (a `both`
// address serves two), the first of a purpose becomes the default, deleting promotes none, the
// customer's default shipping address, the cap, and the events.
#include <gtest/gtest.h>

#include "addresses/address_service.hpp"
#include "customers/customer_repository.hpp"
#include "storage/database.hpp"
#include "storage/test_database.hpp"

namespace cartera::addresses {
namespace {

TEST(AddressPurposes, BothServesShippingAndBilling) {
  using enum Kind;
  EXPECT_TRUE(ServesShipping(kShipping));
  EXPECT_TRUE(ServesShipping(kBoth));
  EXPECT_FALSE(ServesShipping(kBilling));
  EXPECT_TRUE(ServesBilling(kBilling));
  EXPECT_TRUE(ServesBilling(kBoth));
  EXPECT_FALSE(ServesBilling(kShipping));
  EXPECT_TRUE(SharePurpose(kShipping, kBoth));
  EXPECT_TRUE(SharePurpose(kBilling, kBoth));
  EXPECT_TRUE(SharePurpose(kBoth, kBoth));
  EXPECT_TRUE(SharePurpose(kShipping, kShipping));
  EXPECT_FALSE(SharePurpose(kShipping, kBilling));
  EXPECT_FALSE(SharePurpose(kBilling, kShipping));
}

TEST(AddressKinds, NamesAreTheStoredStrings) {
  for (const auto kind : {Kind::kShipping, Kind::kBilling, Kind::kBoth}) {
    EXPECT_EQ(ParseKind(Name(kind)), kind);
  }
  EXPECT_EQ(Name(Kind::kBoth), "both");
  EXPECT_EQ(ParseKind("Shipping"), std::nullopt);
}

class AddressRules : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<storage::TestDatabase>(GetParam(), "cartera_addresses_");
    database_ = test_database_->get();
    if (!database_) GTEST_SKIP() << "CARTERA_TEST_PG_URL not set";
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
    test_database_.reset();
  }

  Address Add(Kind kind, std::string line1, std::optional<bool> is_default = {}) {
    AddressInput input;
    input.kind = kind;
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

  std::unique_ptr<storage::TestDatabase> test_database_;
  storage::Database* database_ = nullptr;
  customers::CustomerRepository repository_;
  std::unique_ptr<AddressService> service_;
  history::EventActor actor_{"staff", 1, "Ana"};
  int64_t customer_id_ = 0;
};

TEST_P(AddressRules, FirstOfAPurposeBecomesTheDefault) {
  EXPECT_EQ(DefaultShipping(), std::nullopt);
  const Address billing = Add(Kind::kBilling, "Facturas 1");
  EXPECT_TRUE(billing.is_default);
  EXPECT_EQ(DefaultShipping(), std::nullopt) << "a billing address is not for shipping";
  const Address shipping = Add(Kind::kShipping, "Almacén 1");
  EXPECT_TRUE(shipping.is_default) << "the first shipping address";
  const Address both = Add(Kind::kBoth, "Oficina");
  EXPECT_FALSE(both.is_default) << "both purposes already have a default";
  const Address second = Add(Kind::kShipping, "Almacén 2");
  EXPECT_FALSE(second.is_default);
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Facturas 1", "Almacén 1"}));
  EXPECT_EQ(DefaultShipping(), "Almacén 1");
  // Explicitly not the default, though it is the first of nothing in particular.
  EXPECT_FALSE(Add(Kind::kBilling, "Facturas 2", false).is_default);
  EXPECT_EQ(Events("address_added"), 5);
}

TEST_P(AddressRules, ABothDefaultTakesBothPurposes) {
  const Address shipping = Add(Kind::kShipping, "Almacén");
  const Address billing = Add(Kind::kBilling, "Facturas");
  ASSERT_TRUE(shipping.is_default && billing.is_default);
  const Address both = Add(Kind::kBoth, "Oficina", true);
  EXPECT_TRUE(both.is_default);
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Oficina"}));
  EXPECT_EQ(DefaultShipping(), "Oficina");
  // Each address that lost its default got a new version and a recorded change.
  EXPECT_EQ(service_->Get(shipping.id)->version, 2);
  EXPECT_EQ(service_->Get(billing.id)->version, 2);
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
  widen.kind = Kind::kBoth;
  ASSERT_TRUE(service_->Update(shipping.id, widen, std::nullopt, actor_).ok());
  EXPECT_EQ(Defaults(), (std::vector<std::string>{"Almacén"}));
  EXPECT_EQ(DefaultShipping(), "Almacén");
}

TEST_P(AddressRules, StaleVersionsAndNoChangesWriteNothing) {
  const Address shipping = Add(Kind::kShipping, "Almacén");
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
  EXPECT_EQ(service_->Get(shipping.id)->label, std::nullopt);
}

TEST_P(AddressRules, DeletingTheDefaultPromotesNone) {
  const Address first = Add(Kind::kShipping, "Almacén 1");
  Add(Kind::kShipping, "Almacén 2");
  ASSERT_TRUE(service_->Delete(first.id, actor_).ok());
  EXPECT_TRUE(Defaults().empty());
  EXPECT_EQ(DefaultShipping(), std::nullopt);
  EXPECT_EQ(Events("address_deleted"), 1);
  const auto again = service_->Delete(first.id, actor_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_P(AddressRules, AtMostFiftyPerCustomer) {
  for (int i = 0; i < kMaxPerCustomer; ++i) Add(Kind::kBilling, "Calle " + std::to_string(i));
  AddressInput input;
  input.kind = Kind::kShipping;
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
  input.kind = Kind::kShipping;
  input.line1 = "x";
  input.city = "y";
  input.country = "ES";
  const auto refused = service_->Create(customer_id_ + 1000, input, actor_);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  const Address mine = Add(Kind::kShipping, "Almacén");
  auto connection = database_->Acquire();
  EXPECT_TRUE(FindOfCustomer(*connection, customer_id_, mine.id).has_value());
  EXPECT_FALSE(FindOfCustomer(*connection, customer_id_ + 1, mine.id).has_value());
}

TEST_P(AddressRules, DeleteForCustomerRemovesEveryAddress) {
  Add(Kind::kShipping, "Almacén");
  Add(Kind::kBilling, "Facturas");
  {
    auto connection = database_->Acquire();
    AddressRepository{}.DeleteForCustomer(*connection, customer_id_);
  }
  EXPECT_TRUE(service_->List(customer_id_)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, AddressRules, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace
}  // namespace cartera::addresses
