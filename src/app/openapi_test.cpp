// The published OpenAPI document and the router must describe the same endpoints.
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/application.hpp"
#include "common/crypto.hpp"
#include "common/embedded.hpp"
#include "storage/database.hpp"

namespace cartera::app {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

TEST(OpenApi, DocumentsExactlyTheServedRoutes) {
  ASSERT_TRUE(crypto::Initialise());
  const auto path = std::filesystem::temp_directory_path() / "cartera_openapi_test.db";
  std::filesystem::remove(path);
  auto database = storage::Open("sqlite:" + path.string(), 1);
  storage::Migrate(*database);
  Application application(*database, "/nonexistent");

  std::set<std::string> served;
  for (const auto& route : application.router().routes()) {
    served.insert(Lower(route.method) + " " + route.pattern);
  }
  const auto document = boost::json::parse(embedded::OpenApi().at(0).text).as_object();
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [pattern, item] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      if (method == "parameters") continue;
      documented.insert(std::string(method) + " " + std::string(pattern));
      EXPECT_TRUE(operation.as_object().contains("responses")) << method << " " << pattern;
    }
  }
  EXPECT_EQ(served, documented);
  database.reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace cartera::app
