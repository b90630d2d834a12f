#include "app/application.hpp"

#include "app/system_routes.hpp"
#include "catalog/catalog_routes.hpp"
#include "customers/customer_routes.hpp"
#include "notes/note_routes.hpp"
#include "staff/staff_routes.hpp"

namespace cartera::app {

Application::Application(storage::Database& database, const std::filesystem::path& web_root,
                         orders::OrderSettings order_settings)
    : database_(database),
      staff_repository_(database),
      auth_(staff_repository_),
      customer_service_(database, customer_repository_),
      product_types_(database, catalog::ProductTypeKind()),
      warehouses_(database, catalog::WarehouseKind()),
      products_(database),
      orders_(database, customer_repository_),
      quick_links_(database, customer_repository_),
      notes_(database),
      static_files_(web_root),
      router_([this](const http::Request& request) { return auth_.Authenticate(request); }) {
  RegisterSystemRoutes(router_, database_, metrics_);
  staff::RegisterRoutes(router_, auth_, staff_repository_);
  customers::RegisterRoutes(router_, customer_service_);
  catalog::RegisterRoutes(router_, product_types_, warehouses_, products_);
  notes::RegisterRoutes(router_, notes_);
  orders::RegisterRoutes(router_, database_, orders_, quick_links_, customer_repository_,
                         std::move(order_settings));
  router_.SetFallback([this](http::Request& request) { return static_files_.Serve(request); });
}

}  // namespace cartera::app
