#include "app/application.hpp"

#include "addresses/address_routes.hpp"
#include "app/system_routes.hpp"
#include "catalog/catalog_routes.hpp"
#include "contacts/contact_routes.hpp"
#include "customers/customer_routes.hpp"
#include "customers/tag_routes.hpp"
#include "history/history_routes.hpp"
#include "messaging/message_routes.hpp"
#include "messaging/whatsapp_transport.hpp"
#include "notes/note_routes.hpp"
#include "portal/portal_routes.hpp"
#include "settings/settings_routes.hpp"
#include "staff/staff_routes.hpp"
#include "transfer/transfer_routes.hpp"

namespace cartera::app {
namespace {

mail::SenderOptions WithAttachments(mail::SenderOptions options,
                                    const std::filesystem::path& data_directory) {
  if (options.attachments_root.empty()) options.attachments_root = data_directory / "attachments";
  return options;
}

}  // namespace

Application::Application(storage::Database& database, const std::filesystem::path& web_root,
                         orders::OrderSettings order_settings,
                         const std::filesystem::path& data_directory,
                         mail::SenderOptions mail_options)
    : database_(database),
      auth_(database),
      staff_(database, auth_),
      customer_service_(database, customer_repository_),
      product_types_(database, catalog::NamedResourceKind::kProductType),
      warehouses_(database, catalog::NamedResourceKind::kWarehouse),
      products_(database),
      orders_(database, customer_repository_),
      quick_links_(database, customer_repository_),
      notes_(database),
      tags_(database),
      history_(database, data_directory),
      addresses_(database),
      exports_(database, customer_repository_, std::filesystem::temp_directory_path()),
      imports_(database, customer_service_),
      mail_(database, WithAttachments(mail_options, data_directory)),
      settings_(database),
      contacts_(database, contacts::Links{order_settings.LinkBase()}),
      portal_auth_(database, auth_, customer_service_, contacts::Links{order_settings.LinkBase()}),
      whatsapp_(database, mail_options, mail::Channel::kWhatsApp,
                messaging::WhatsAppTransport(database)),
      messages_(database, customer_repository_, contacts_, orders_, quick_links_, history_,
                order_settings.LinkBase()),
      static_files_(web_root),
      router_([this](const http::Request& request, http::Access access) {
        // Contacts sign in to the portal with tokens of their own; staff to everything else.
        return access == http::Access::kContact ? portal_auth_.Authenticate(request)
                                                : staff::Authenticate(auth_, request);
      }) {
  customer_service_.SetPortalUrl(contacts_.links().PortalUrl());
  RegisterSystemRoutes(router_, database_, metrics_);
  staff::RegisterRoutes(router_, auth_, staff_);
  customers::RegisterRoutes(router_, customer_service_);
  catalog::RegisterRoutes(router_, product_types_, warehouses_, products_);
  notes::RegisterRoutes(router_, notes_);
  customers::RegisterTagRoutes(router_, tags_);
  history::RegisterRoutes(router_, history_);
  addresses::RegisterRoutes(router_, addresses_);
  settings::RegisterRoutes(router_, settings_, orders::kStatuses);
  messaging::RegisterRoutes(router_, messages_);
  messages_.OnQueued([this](mail::Channel channel) {
    if (channel == mail::Channel::kWhatsApp) {
      whatsapp_.Wake();
    } else {
      mail_.Wake();
    }
  });
  contacts::RegisterRoutes(router_, contacts_, orders_);
  portal::RegisterRoutes(router_,
                         {portal_auth_, database_, customer_repository_, contacts_, orders_});
  transfer::RegisterRoutes(router_, exports_, imports_, database_);
  orders::RegisterRoutes(router_, database_, orders_, quick_links_, customer_repository_,
                         std::move(order_settings));
  router_.SetFallback([this](http::Request& request) { return static_files_.Serve(request); });
}

}  // namespace cartera::app
