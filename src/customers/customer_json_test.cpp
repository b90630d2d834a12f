#include "customers/customer_json.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace cartera::customers {
namespace {

Result<CustomerInput> Apply(std::string_view body, InputMode mode = InputMode::kCreate) {
  Customer base;
  base.currency = "EUR";
  base.language = "es";
  return ApplyJson(boost::json::parse(body).as_object(), base, mode);
}

std::vector<std::string> BadFields(const Result<CustomerInput>& result) {
  std::vector<std::string> fields;
  if (result.ok()) return fields;
  for (const auto& field : result.error().fields) fields.push_back(field.field + ":" + field.code);
  return fields;
}

TEST(CustomerInput, AcceptsAFullRecord) {
  const auto result = Apply(R"({"name":" Comercial Eléctrica ","discount_percent":12.5,
    "status":"potential","temperature":"hot","currency":"MXN","language":"es-MX",
    "email":"compras@electrica.mx","phone":"+52 55 1234 5678","tags":["VIP","vip","Mayorista"],
    "payment_methods":["transferencia"],"default_payment_method":"transferencia",
    "credit_limit_minor":500000,"shared_account":true,"unknown_field":1})");
  ASSERT_TRUE(result.ok());
  const Customer& c = result->customer;
  EXPECT_EQ(c.name, "Comercial Eléctrica");
  EXPECT_EQ(c.discount_hundredths, 1250);
  EXPECT_EQ(c.tags, (std::vector<std::string>{"VIP", "Mayorista"}));
  EXPECT_TRUE(c.shared_account);
}

TEST(CustomerInput, NamesEveryBadField) {
  const auto result = Apply(R"({"name":5,"discount_percent":"x","status":"gold",
    "email":"nope","currency":"EURO","language":"spanish","shared_account":"yes","tags":"a",
    "payment_terms_days":-1,"phone":"call me"})");
  EXPECT_EQ(BadFields(result),
            (std::vector<std::string>{"name:invalid_type", "status:invalid_enum",
                                      "discount_percent:invalid_type", "currency:invalid",
                                      "language:invalid", "shared_account:invalid_type",
                                      "payment_terms_days:out_of_range", "tags:invalid_type",
                                      "email:invalid", "phone:invalid"}));
}

TEST(CustomerInput, RequiresNameOnCreateOnly) {
  EXPECT_EQ(BadFields(Apply("{}")), std::vector<std::string>{"name:required"});
  EXPECT_TRUE(Apply("{}", InputMode::kPatch).ok());
  EXPECT_EQ(BadFields(Apply(R"({"name":""})", InputMode::kPatch)),
            std::vector<std::string>{"name:required"});
}

TEST(CustomerInput, ChecksDiscountRangeAndDecimals) {
  EXPECT_EQ(BadFields(Apply(R"({"name":"a","discount_percent":100.01})")),
            std::vector<std::string>{"discount_percent:out_of_range"});
  EXPECT_EQ(BadFields(Apply(R"({"name":"a","discount_percent":12.345})")),
            std::vector<std::string>{"discount_percent:invalid"});
}

TEST(CustomerInput, LimitsLengthsAndListSizes) {
  const std::string long_name(201, 'x');
  EXPECT_EQ(BadFields(Apply(R"({"name":")" + long_name + R"("})")),
            std::vector<std::string>{"name:too_long"});
  std::string tags = "[";
  for (int i = 0; i < 51; ++i) tags += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
  tags += "]";
  EXPECT_EQ(BadFields(Apply(R"({"name":"a","tags":)" + tags + "}")),
            std::vector<std::string>{"tags:too_many"});
}

TEST(CustomerJson, ShowsWholeDiscountsAsIntegers) {
  Customer customer;
  customer.discount_hundredths = 1000;
  EXPECT_TRUE(ToJson(customer).at("discount_percent").is_int64());
  customer.discount_hundredths = 1250;
  EXPECT_DOUBLE_EQ(ToJson(customer).at("discount_percent").as_double(), 12.5);
}

}  // namespace
}  // namespace cartera::customers
