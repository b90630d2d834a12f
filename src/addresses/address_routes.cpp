#include "addresses/address_routes.hpp"

#include "common/validation.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::addresses {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

json::value OrNull(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object ToJson(const Address& a) {
  return {{"id", std::to_string(a.id)},
          {"customer_id", std::to_string(a.customer_id)},
          {"kind", Name(a.kind)},
          {"label", OrNull(a.label)},
          {"line1", a.line1},
          {"line2", OrNull(a.line2)},
          {"city", a.city},
          {"region", OrNull(a.region)},
          {"postal_code", OrNull(a.postal_code)},
          {"country", a.country},
          {"is_default", a.is_default},
          {"created_at", time::FormatRfc3339(a.created_at)},
          {"updated_at", time::FormatRfc3339(a.updated_at)},
          {"version", a.version}};
}

Response AddressResponse(unsigned status, const Address& address) {
  Response response = http::JsonResponse(status, ToJson(address));
  return std::move(http::WithEtag(response, address.version));
}

// An optional text: absent → nullopt; null or "" → clear it.
std::optional<std::optional<std::string>> Optional(http::FieldReader& reader, std::string_view name,
                                                   size_t max_length) {
  auto field = reader.String(name, {.max_length = max_length});
  if (!field.present) return std::nullopt;
  return field.value;
}

// Reads the address fields of a POST (`create`: kind, line1, city and country required) or a
// PATCH (only what is present; the required ones cannot be cleared).
AddressInput ReadInput(http::FieldReader& reader, bool create) {
  AddressInput input;
  const http::StringRule line{.max_length = kMaxLineLength, .required = create, .nullable = false};
  const http::StringRule city{.max_length = kMaxCityLength, .required = create, .nullable = false};
  if (const auto kind = reader.Enum("kind", kKinds, false, create).value) {
    input.kind = ParseKind(*kind);
  }
  input.label = Optional(reader, "label", kMaxLabelLength);
  input.line1 = reader.String("line1", line).value;
  input.line2 = Optional(reader, "line2", kMaxLineLength);
  input.city = reader.String("city", city).value;
  input.region = Optional(reader, "region", kMaxRegionLength);
  input.postal_code = Optional(reader, "postal_code", kMaxPostalCodeLength);
  if (auto country =
          reader.String("country", {.max_length = 2, .required = create, .nullable = false})
              .value) {
    for (char& c : *country) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    if (validation::IsCountryCode(*country)) {
      input.country = std::move(*country);
    } else {
      reader.AddError("country", "invalid", "An ISO 3166-1 alpha-2 code, e.g. ES or MX.");
    }
  }
  input.is_default = reader.Bool("is_default").value;
  return input;
}

}  // namespace

void RegisterRoutes(http::Router& router, AddressService& addresses) {
  router.Add(
      "GET", "/api/v1/customers/{id}/addresses", Access::kStaffRead,
      [&addresses](Request& request) -> Result<Response> {
        TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
        TRY_ASSIGN(const auto list, addresses.List(id));
        json::array items;
        for (const auto& address : list) items.push_back(ToJson(address));
        return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
      });

  router.Add("POST", "/api/v1/customers/{id}/addresses", Access::kStaffWrite,
             [&addresses](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const AddressInput input = ReadInput(reader, true);
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(const auto created,
                          addresses.Create(id, input, history::ActorOf(request.principal)));
               return AddressResponse(201, created);
             });

  router.Add("GET", "/api/v1/addresses/{id}", Access::kStaffRead,
             [&addresses](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "address"));
               TRY_ASSIGN(const auto address, addresses.Get(id));
               return AddressResponse(200, address);
             });

  router.Add("PATCH", "/api/v1/addresses/{id}", Access::kStaffWrite,
             [&addresses](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "address"));
               // A stale If-Match is answered before the body is judged.
               TRY_ASSIGN(const auto current, addresses.Get(id));
               TRY(http::CheckIfMatch(request, current.version));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const AddressInput input = ReadInput(reader, false);
               const auto version = reader.Integer("version", 1, INT64_MAX, true);
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(const auto updated,
                          addresses.Update(id, input, http::ExpectedVersion(request, version.value),
                                           history::ActorOf(request.principal)));
               return AddressResponse(200, updated);
             });

  router.Add("DELETE", "/api/v1/addresses/{id}", Access::kStaffWrite,
             [&addresses](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "address"));
               TRY(addresses.Delete(id, history::ActorOf(request.principal)));
               return http::NoContent();
             });
}

}  // namespace cartera::addresses
