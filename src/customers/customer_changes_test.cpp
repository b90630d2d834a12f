#include "customers/customer_changes.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "customers/customer_json.hpp"

namespace cartera::customers {
namespace {

namespace json = boost::json;

json::object Object(std::string_view text) { return json::parse(text).as_object(); }

TEST(CustomerChanges, NothingChangedIsEmpty) {
  Customer customer;
  customer.id = 7;
  customer.name = "Ferretería Núñez";
  customer.tags = {"vip"};
  const auto changes = DiffCustomer(ToJson(customer), ToJson(customer));
  EXPECT_TRUE(changes.empty());
}

TEST(CustomerChanges, NamesEachChangedFieldWithJsonValues) {
  Customer before;
  before.id = 7;
  before.name = "Ferretería Núñez";
  before.discount_hundredths = 1000;
  before.tags = {"vip"};
  before.warehouse_ids = {"3"};
  Customer after = before;
  after.name = "Ferretería Núñez S.L.";
  after.email = "compras@nunez.es";
  after.discount_hundredths = 1250;
  after.tags = {"mayorista", "vip"};
  after.warehouse_ids = {"3", "4"};
  // Bookkeeping members move on every write and are not changes.
  after.version = 2;
  after.updated_at = 123'000'000;

  const auto changes = DiffCustomer(ToJson(before), ToJson(after));
  EXPECT_TRUE(changes.status.empty());
  // Compared as JSON values (the serialiser writes 12.5 as 1.25E1).
  EXPECT_EQ(
      json::value(changes.updated),
      json::parse(R"([{"field":"name","from":"Ferretería Núñez","to":"Ferretería Núñez S.L."},)"
                  R"({"field":"email","from":null,"to":"compras@nunez.es"},)"
                  R"({"field":"discount_percent","from":10,"to":12.5},)"
                  R"({"field":"warehouse_ids","from":["3"],"to":["3","4"]},)"
                  R"({"field":"tags","from":["vip"],"to":["mayorista","vip"]}])"))
      << json::serialize(changes.updated);
}

TEST(CustomerChanges, StatusFieldsGoApart) {
  Customer before;
  before.id = 7;
  before.name = "Ferretería";
  Customer after = before;
  after.account_status = AccountStatus::kInactive;
  after.registration_status = RegistrationStatus::kCancelled;
  after.status = CustomerStatus::kPotential;
  after.temperature = "cold";
  const auto changes = DiffCustomer(ToJson(before), ToJson(after));
  EXPECT_EQ(json::serialize(changes.updated),
            R"([{"field":"temperature","from":null,"to":"cold"}])");
  EXPECT_EQ(json::serialize(changes.status),
            R"([{"field":"status","from":"current","to":"potential"},)"
            R"({"field":"account_status","from":"active","to":"inactive"},)"
            R"({"field":"registration_status","from":"validated","to":"cancelled"}])");
}

TEST(CustomerChanges, NumbersCompareByValueAndAbsentReadsAsNull) {
  // 12 and 12.0 are the same discount; big integers compare exactly.
  EXPECT_TRUE(
      DiffCustomer(Object(R"({"discount_percent":12})"), Object(R"({"discount_percent":12.0})"))
          .empty());
  EXPECT_FALSE(DiffCustomer(Object(R"({"credit_limit_minor":9007199254740993})"),
                            Object(R"({"credit_limit_minor":9007199254740992})"))
                   .empty());
  EXPECT_FALSE(DiffCustomer(Object(R"({"credit_limit_minor":-1})"),
                            Object(R"({"credit_limit_minor":18446744073709551615})"))
                   .empty());
  const auto gone = DiffCustomer(Object(R"({"legal_name":"X","a":null})"), Object(R"({"a":null})"));
  EXPECT_EQ(json::serialize(gone.updated), R"([{"field":"legal_name","from":"X","to":null}])");
  const auto added = DiffCustomer(Object(R"({})"), Object(R"({"phone":"+34 600"})"));
  EXPECT_EQ(json::serialize(added.updated), R"([{"field":"phone","from":null,"to":"+34 600"}])");
}

}  // namespace
}  // namespace cartera::customers
