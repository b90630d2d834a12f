#include "app/system_routes.hpp"

#include "common/embedded.hpp"
#include "http/problem.hpp"

namespace cartera::app {

void RegisterSystemRoutes(http::Router& router, storage::Database& database,
                          http::Metrics& metrics) {
  using http::Access;
  using http::Request;
  using http::Response;
  router.Add("GET", "/healthz", Access::kPublic, [](Request&) {
    return http::JsonResponse(200, {{"status", "ok"}});
  });
  router.Add("GET", "/readyz", Access::kPublic, [&database](Request&) {
    if (!database.Ping()) {
      return http::ProblemResponse(
          MakeError(ErrorCode::kUnavailable, "unavailable", "The database does not answer."));
    }
    return http::JsonResponse(200, {{"status", "ready"}});
  });
  router.Add("GET", "/metrics", Access::kPublic, [&database, &metrics](Request&) {
    Response response;
    response.content_type = "text/plain; version=0.0.4";
    response.body = metrics.Render(database.Stats());
    return response;
  });
  router.Add("GET", "/api/v1/openapi.json", Access::kPublic, [](Request&) {
    Response response;
    response.body = std::string(embedded::OpenApi().at(0).text);
    return response;
  });
}

}  // namespace cartera::app
