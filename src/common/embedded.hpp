#pragma once

#include <string_view>
#include <vector>

// Text files compiled into the binary by cmake/embed.cmake.
namespace cartera::embedded {

struct File {
  std::string_view name;  // path relative to the embedded folder, e.g. "sqlite/001_init.sql"
  std::string_view text;
};

// Every migration file, sorted by name.
const std::vector<File>& Migrations();
// The OpenAPI document (one file, "openapi.json").
const std::vector<File>& OpenApi();

}  // namespace cartera::embedded
