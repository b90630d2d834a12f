// Contacts' closed sets and, on both backends, the repository's unique-index refusals and the
// reads and writes the customers module calls when a customer is deactivated or deleted.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "contacts/contact.hpp"
#include "contacts/contact_repository.hpp"
#include "customers/customer_repository.hpp"
#include "storage/test_database.hpp"

namespace cartera::contacts {
namespace {

TEST(ContactNames, RolesAccessesAndPermissionsKeepTheirStrings) {
  for (const auto name : kRoles) EXPECT_EQ(Name(*ParseRole(name)), name);
  for (const auto name : kPortalAccesses) EXPECT_EQ(Name(*ParsePortalAccess(name)), name);
  for (const auto name : kPermissions) EXPECT_EQ(Name(*ParsePermission(name)), name);
  EXPECT_EQ(ParseRole("boss"), std::nullopt);
  EXPECT_EQ(std::vector<std::string_view>(kAccessChanges.begin(), kAccessChanges.end()),
            (std::vector<std::string_view>{"active", "revoked"}));
}

TEST(ContactPermissions, ASetListedInTableOrder) {
  Permissions permissions{Permission::kViewPrices, Permission::kPlaceOrders};
  permissions.Add(Permission::kViewPrices);
  EXPECT_EQ(boost::json::serialize(permissions.ToJson()), R"(["place_orders","view_prices"])");
  EXPECT_TRUE(permissions.Has(Permission::kPlaceOrders));
  EXPECT_FALSE(permissions.Has(Permission::kViewInvoices));
  EXPECT_EQ(DefaultPermissions(Role::kPurchasing),
            (Permissions{Permission::kPlaceOrders, Permission::kRequestQuotes,
                         Permission::kViewPrices, Permission::kViewShipments}));
  EXPECT_EQ(DefaultPermissions(Role::kBilling),
            (Permissions{Permission::kViewPrices, Permission::kViewInvoices}));
  EXPECT_EQ(DefaultPermissions(Role::kShipping), Permissions{Permission::kViewShipments});
  EXPECT_EQ(DefaultPermissions(Role::kSupport), Permissions{Permission::kViewPrices});
  EXPECT_EQ(DefaultPermissions(std::nullopt), Permissions{Permission::kViewPrices});
}

class ContactStore : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<storage::TestDatabase>(GetParam(), "cartera_contacts_");
    if (!test_database_->get()) GTEST_SKIP() << "CARTERA_TEST_PG_URL not set";
    connection_.emplace(test_database_->get()->Acquire());
    customers::Customer customer;
    customer.name = "Ferretería Núñez";
    customer.currency = "EUR";
    customer.language = "es";
    customer_id_ = customers::CustomerRepository{}.Insert(db(), customer)->id;
  }

  void TearDown() override {
    connection_.reset();
    test_database_.reset();
  }

  Result<int64_t> Add(std::string first_name, std::string email, std::optional<Role> role,
                      PortalAccess access) {
    Contact contact;
    contact.customer_id = customer_id_;
    contact.first_name = std::move(first_name);
    contact.last_name = "Ruiz";
    contact.email = std::move(email);
    contact.role = role;
    contact.access = access;
    return contacts_.Insert(db(), contact, std::nullopt, 1000);
  }

  std::unique_ptr<storage::TestDatabase> test_database_;
  storage::Connection& db() { return **connection_; }

  std::optional<storage::PooledConnection> connection_;
  ContactRepository contacts_;
  int64_t customer_id_ = 0;
};

TEST_P(ContactStore, TheUniqueIndexesAreNamedInTheirErrors) {
  ASSERT_TRUE(Add("Ana", "ana@example.com", Role::kPurchasing, PortalAccess::kActive).ok());
  const auto same_email = Add("Otra", "ANA@example.com", std::nullopt, PortalAccess::kInvited);
  ASSERT_FALSE(same_email.ok());
  EXPECT_EQ(same_email.error().api_code, "email_taken");
  const auto second_buyer =
      Add("Luis", "luis@example.com", Role::kPurchasing, PortalAccess::kInvited);
  ASSERT_FALSE(second_buyer.ok());
  EXPECT_EQ(second_buyer.error().api_code, "purchasing_contact_exists");
}

TEST_P(ContactStore, RevokesAndDeletesACustomersContacts) {
  const int64_t ana =
      Add("Ana", "ana@example.com", Role::kPurchasing, PortalAccess::kActive).value();
  const int64_t luis =
      Add("Luis", "luis@example.com", std::nullopt, PortalAccess::kInvited).value();
  ASSERT_TRUE(Add("Eva", "eva@example.com", std::nullopt, PortalAccess::kRevoked).ok());
  contacts_.InsertToken(db(), "hash", ana, TokenPurpose::kSession, std::nullopt, 1000, 2000);
  const auto with_access = contacts_.ListWithAccess(db(), customer_id_);
  ASSERT_EQ(with_access.size(), 2U);
  EXPECT_EQ(with_access[0].id, ana);
  EXPECT_EQ(with_access[0].name, "Ana Ruiz");
  EXPECT_EQ(with_access[1].id, luis);

  EXPECT_EQ(contacts_.RevokeAccessOf(db(), customer_id_, 3000), 2);
  EXPECT_TRUE(contacts_.ListWithAccess(db(), customer_id_).empty());
  EXPECT_FALSE(contacts_.FindSession(db(), "hash").has_value());
  const auto revoked = contacts_.Find(db(), ana);
  EXPECT_EQ(revoked->access, PortalAccess::kRevoked);
  EXPECT_EQ(revoked->version, 2);
  EXPECT_EQ(revoked->updated_at, 3000);

  contacts_.DeleteForCustomer(db(), customer_id_);
  EXPECT_FALSE(contacts_.Exists(db(), ana));
  EXPECT_EQ(contacts_.CountOfCustomer(db(), customer_id_), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContactStore, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace
}  // namespace cartera::contacts
