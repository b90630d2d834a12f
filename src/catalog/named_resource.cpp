#include "catalog/named_resource.hpp"

#include "common/text.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"

namespace cartera::catalog {
namespace {

namespace json = boost::json;

NamedResource FromRow(const storage::Row& row) {
  return NamedResource{row.Int(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4)};
}

json::object ToJson(const NamedResource& resource) {
  return {{"id", std::to_string(resource.id)},
          {"name", resource.name},
          {"created_at", time::FormatRfc3339(resource.created_at)},
          {"updated_at", time::FormatRfc3339(resource.updated_at)},
          {"version", resource.version}};
}

Error NameTaken(const std::string& singular) {
  Error error =
      MakeError(ErrorCode::kAlreadyExists, "name_taken", "Another " + singular + " has this name.");
  error.fields.push_back({"name", "taken", "Another " + singular + " has this name."});
  return error;
}

}  // namespace

std::vector<NamedResource> NamedResourceRepository::List() {
  auto connection = database_.Acquire();
  std::vector<NamedResource> items;
  for (const auto& row :
       connection->Query("SELECT id, name, created_at, updated_at, version FROM " + kind_.table +
                         " ORDER BY name_key, id")) {
    items.push_back(FromRow(row));
  }
  return items;
}

std::optional<NamedResource> NamedResourceRepository::Find(int64_t id) {
  auto connection = database_.Acquire();
  const auto rows = connection->Query(
      "SELECT id, name, created_at, updated_at, version FROM " + kind_.table + " WHERE id = $1",
      {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

Result<NamedResource> NamedResourceRepository::Create(const std::string& name) {
  const time::Micros now = time::Now();
  auto connection = database_.Acquire();
  try {
    const auto rows = connection->Query(
        "INSERT INTO " + kind_.table +
            " (name, name_key, created_at, updated_at, version) VALUES ($1, $2, $3, $3, 1) "
            "RETURNING id",
        {name, text::Normalise(name), now});
    return NamedResource{rows.at(0).Int(0), name, now, now, 1};
  } catch (const storage::UniqueViolation&) {
    return NameTaken(kind_.singular);
  }
}

Result<NamedResource> NamedResourceRepository::Rename(int64_t id, const std::string& name,
                                                      std::optional<int64_t> expected_version) {
  auto current = Find(id);
  if (!current) return NotFound(kind_.singular);
  TRY(CheckVersion(expected_version, current->version));
  auto connection = database_.Acquire();
  try {
    const int64_t changed = connection->Execute(
        "UPDATE " + kind_.table +
            " SET name = $2, name_key = $3, updated_at = $4, version = version + 1 WHERE id = $1 "
            "AND version = $5",
        {id, name, text::Normalise(name), time::Now(), current->version});
    if (changed == 0) {
      return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                       "This " + kind_.singular + " changed since you read it; reload it.");
    }
  } catch (const storage::UniqueViolation&) {
    return NameTaken(kind_.singular);
  }
  return *Find(id);
}

Status NamedResourceRepository::Delete(int64_t id) {
  return database_.InTransaction([&](storage::Connection& connection) -> Status {
    if (connection.Query("SELECT 1 FROM " + kind_.table + " WHERE id = $1", {id}).empty()) {
      return NotFound(kind_.singular);
    }
    if (!connection.Query(kind_.in_use_query, {id}).empty()) {
      return MakeError(ErrorCode::kConflict, "in_use",
                       "This " + kind_.singular + " is in use and cannot be deleted.");
    }
    connection.Execute("DELETE FROM " + kind_.table + " WHERE id = $1", {id});
    return Ok{};
  });
}

void RegisterNamedResourceRoutes(http::Router& router, NamedResourceRepository& repository) {
  using http::Access;
  using http::Request;
  using http::Response;
  const std::string& path = repository.kind().path;
  const auto read_name = [](const json::object& body, bool required) {
    http::FieldReader reader(body);
    auto name = reader.String("name", {.max_length = 100, .required = required, .nullable = false});
    auto version = reader.Integer("version", 1, INT64_MAX, true);
    return std::make_tuple(std::move(reader), std::move(name), std::move(version));
  };
  const auto respond = [](unsigned status, const NamedResource& resource) {
    Response response = http::JsonResponse(status, ToJson(resource));
    return std::move(http::WithEtag(response, resource.version));
  };

  router.Add("GET", path, Access::kStaffRead, [&repository](Request&) {
    json::array items;
    for (const auto& item : repository.List()) items.push_back(ToJson(item));
    return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
  });
  router.Add("POST", path, Access::kStaffWrite,
             [&repository, read_name, respond](Request& request) {
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               auto [reader, name, version] = read_name(*body, true);
               if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               auto created = repository.Create(*name.value);
               if (!created.ok()) return http::ProblemResponse(created.error());
               return respond(201, *created);
             });
  router.Add("PATCH", path + "/{id}", Access::kStaffWrite,
             [&repository, read_name, respond](Request& request) {
               const auto id = ParseId(request.PathParam("id"));
               if (!id) return http::ProblemResponse(NotFound(repository.kind().singular));
               auto body = http::ParseJsonObject(request.body);
               if (!body.ok()) return http::ProblemResponse(body.error());
               auto [reader, name, version] = read_name(*body, false);
               if (!reader.ok()) return http::ProblemResponse(ValidationError(reader.errors()));
               if (!name.value) {
                 auto current = repository.Find(*id);
                 if (!current) return http::ProblemResponse(NotFound(repository.kind().singular));
                 return respond(200, *current);
               }
               auto renamed = repository.Rename(*id, *name.value,
                                                http::ExpectedVersion(request, version.value));
               if (!renamed.ok()) return http::ProblemResponse(renamed.error());
               return respond(200, *renamed);
             });
  router.Add("DELETE", path + "/{id}", Access::kStaffWrite, [&repository](Request& request) {
    const auto id = ParseId(request.PathParam("id"));
    if (!id) return http::ProblemResponse(NotFound(repository.kind().singular));
    auto deleted = repository.Delete(*id);
    if (!deleted.ok()) return http::ProblemResponse(deleted.error());
    Response response = http::NoContent();
    return response;
  });
}

}  // namespace cartera::catalog
