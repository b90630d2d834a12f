#include "customers/customer_json.hpp"

#include "messaging/phone.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "common/validation.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"

namespace cartera::customers {
namespace {

namespace json = boost::json;

void ApplyTags(http::FieldReader& reader, std::vector<std::string>& tags) {
  auto field = reader.StringList("tags", kMaxTags, kMaxTagLength);
  if (!field.value) return;
  // Case- and accent-insensitive unique, first spelling kept.
  std::vector<std::string> unique;
  std::vector<std::string> keys;
  for (auto& tag : *field.value) {
    std::string key = text::Normalise(tag);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(std::move(key));
    unique.push_back(std::move(tag));
  }
  tags = std::move(unique);
}

json::value OrNull(const std::optional<std::string>& value, const json::storage_ptr& storage) {
  return value ? json::value(*value, storage) : json::value(nullptr, storage);
}

json::value OrNull(const std::optional<int64_t>& value, const json::storage_ptr& storage) {
  return value ? json::value(*value, storage) : json::value(nullptr, storage);
}

json::array ToArray(const std::vector<std::string>& values, const json::storage_ptr& storage) {
  json::array array(storage);
  for (const auto& value : values) array.emplace_back(value);
  return array;
}

}  // namespace

Result<CustomerInput> ApplyJson(const json::object& body, Customer base, InputMode mode) {
  http::FieldReader reader(body);
  Customer& c = base;
  const bool create = mode == InputMode::kCreate;

  if (auto name = reader.String(
          "name", {.max_length = kMaxNameLength, .required = create, .nullable = false});
      name.value) {
    c.name = *name.value;
  }
  for (const auto& field : kOptionalTextFields) {
    auto value = reader.String(field.name, {.max_length = field.max_length});
    if (value.present) c.*field.member = value.value;
  }
  for (const auto& field : kListFields) {
    auto value = reader.StringList(field.name, field.max_items, field.max_length);
    if (value.value) c.*field.member = std::move(*value.value);
  }
  if (auto value = reader.Enum("customer_type", kCustomerTypes, true); value.present) {
    c.customer_type = value.value;
  }
  if (auto value = reader.Enum("status", kStatuses, false); value.value) {
    c.status = *ParseIn<CustomerStatus>(kStatuses, *value.value);
  }
  if (auto value = reader.Enum("temperature", kTemperatures, true); value.present) {
    c.temperature = value.value;
  }
  if (auto value = reader.Enum("account_status", kAccountStatuses, false); value.value) {
    c.account_status = *ParseIn<AccountStatus>(kAccountStatuses, *value.value);
  }
  if (auto value = reader.Enum("registration_status", kRegistrationStatuses, false); value.value) {
    c.registration_status = *ParseIn<RegistrationStatus>(kRegistrationStatuses, *value.value);
  }
  if (auto value = reader.Enum("catalog_scope", kCatalogScopes, false); value.value) {
    c.catalog_scope = *ParseIn<CatalogScope>(kCatalogScopes, *value.value);
  }
  if (auto value = reader.Hundredths("discount_percent", 0, 100); value.present) {
    c.discount_hundredths = value.value.value_or(0);
  }
  if (auto value = reader.String("currency", {.max_length = 50, .nullable = false}); value.value) {
    if (validation::IsCurrencyCode(*value.value)) {
      c.currency = *value.value;
    } else {
      reader.AddError("currency", "invalid", "Not an ISO 4217 currency code (e.g. EUR, MXN).");
    }
  }
  if (auto value = reader.String("language", {.max_length = 50, .nullable = false}); value.value) {
    if (validation::IsLanguageCode(*value.value)) {
      c.language = *value.value;
    } else {
      reader.AddError("language", "invalid", "Not an ISO 639-1 language code (e.g. es, en).");
    }
  }
  if (auto value = reader.Bool("shared_account"); value.value) c.shared_account = *value.value;
  if (auto value = reader.Integer("credit_limit_minor", 0, 1'000'000'000'000'000, true);
      value.present) {
    c.credit_limit_minor = value.value;
  }
  if (auto value = reader.Integer("payment_terms_days", 0, 3650, true); value.present) {
    c.payment_terms_days = value.value;
  }
  ApplyTags(reader, c.tags);
  const auto version = reader.Integer("version", 1, INT64_MAX, true);

  // Rules across the values, checked on the merged record.
  if (c.email && !validation::IsEmail(*c.email) && body.contains("email")) {
    reader.AddError("email", "invalid", "Not a valid email address.");
  }
  if (c.country && body.contains("country") && !messaging::IsKnownCountry(*c.country)) {
    reader.AddError("country", "invalid", "An ISO 3166-1 alpha-2 code in capitals, e.g. ES.");
  }
  for (const std::string_view phone_field : {"phone", "whatsapp"}) {
    const auto& value = phone_field == "phone" ? c.phone : c.whatsapp;
    // The number is read for real with its country by CustomerService (it knows the store's
    // default); here only its characters.
    if (value && body.contains(phone_field) && !text::LooksLikePhone(*value)) {
      reader.AddError(std::string(phone_field), "invalid",
                      "Digits with optional + - . ( ) and spaces.");
    }
  }
  if (c.default_payment_method && !c.payment_methods.empty() &&
      std::find(c.payment_methods.begin(), c.payment_methods.end(), *c.default_payment_method) ==
          c.payment_methods.end()) {
    reader.AddError("default_payment_method", "invalid", "Must be one of payment_methods.");
  }
  if (!reader.ok()) return ValidationError(reader.errors());
  return CustomerInput{std::move(base), version.value};
}

json::object ToJson(const Customer& c, json::storage_ptr storage) {
  json::object o(std::move(storage));
  o.reserve(48);  // every field below, so the object never rehashes
  o["id"] = std::to_string(c.id);
  o["name"] = c.name;
  for (const auto& field : kOptionalTextFields)
    o[field.name] = OrNull(c.*field.member, o.storage());
  o["customer_type"] = OrNull(c.customer_type, o.storage());
  o["status"] = Name(c.status);
  o["temperature"] = OrNull(c.temperature, o.storage());
  o["discount_percent"] = http::PercentJson(c.discount_hundredths);
  o["currency"] = c.currency;
  o["language"] = c.language;
  o["account_status"] = Name(c.account_status);
  o["registration_status"] = Name(c.registration_status);
  o["shared_account"] = c.shared_account;
  o["credit_limit_minor"] = OrNull(c.credit_limit_minor, o.storage());
  o["payment_terms_days"] = OrNull(c.payment_terms_days, o.storage());
  for (const auto& field : kListFields) o[field.name] = ToArray(c.*field.member, o.storage());
  o["catalog_scope"] = Name(c.catalog_scope);
  o["tags"] = ToArray(c.tags, o.storage());
  // The default shipping address (F7), or null.
  if (const auto& a = c.default_address) {
    o["default_address"] = json::object({{"id", std::to_string(a->id)},
                                         {"kind", a->kind},
                                         {"label", OrNull(a->label, o.storage())},
                                         {"line1", a->line1},
                                         {"line2", OrNull(a->line2, o.storage())},
                                         {"city", a->city},
                                         {"region", OrNull(a->region, o.storage())},
                                         {"postal_code", OrNull(a->postal_code, o.storage())},
                                         {"country", a->country},
                                         {"is_default", true}},
                                        o.storage());
  } else {
    o["default_address"] = nullptr;
  }
  if (c.last_note) {
    o["last_note"] = json::object({{"body", c.last_note->body},
                                   {"priority", c.last_note->priority},
                                   {"created_at", time::FormatRfc3339(c.last_note->created_at)}},
                                  o.storage());
  } else {
    o["last_note"] = nullptr;
  }
  o["last_order_at"] =
      c.last_order_at ? json::value(time::FormatRfc3339(*c.last_order_at)) : json::value(nullptr);
  o["balance_overdue_minor"] = c.balance_overdue_minor;
  o["balance_not_due_minor"] = c.balance_not_due_minor;
  o["created_at"] = time::FormatRfc3339(c.created_at);
  o["updated_at"] = time::FormatRfc3339(c.updated_at);
  o["version"] = c.version;
  return o;
}

}  // namespace cartera::customers
