#pragma once

#include <memory>

#include "addresses/address_service.hpp"
#include "catalog/named_resource_service.hpp"
#include "catalog/product_service.hpp"
#include "contacts/contact_service.hpp"
#include "customers/customer_repository.hpp"
#include "customers/customer_service.hpp"
#include "customers/tag_service.hpp"
#include "history/history_service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "mail/sender.hpp"
#include "messaging/message_service.hpp"
#include "notes/note_service.hpp"
#include "orders/order_routes.hpp"
#include "orders/order_service.hpp"
#include "orders/quick_link_service.hpp"
#include "portal/portal_auth.hpp"
#include "settings/settings.hpp"
#include "staff/auth_service.hpp"
#include "staff/staff_service.hpp"
#include "storage/database.hpp"
#include "transfer/export_service.hpp"
#include "transfer/import_service.hpp"

namespace cartera::app {

// The composition root: every module wired to the database and to one router.
class Application {
 public:
  Application(storage::Database& database, const std::filesystem::path& web_root,
              orders::OrderSettings order_settings = {},
              const std::filesystem::path& data_directory = "data",
              mail::SenderOptions mail_options = {});

  http::Router& router() { return router_; }
  http::Metrics& metrics() { return metrics_; }
  staff::AuthService& auth() { return auth_; }
  staff::StaffService& staff() { return staff_; }
  // Delivers the mail outbox: Start() after the constructor, Stop() before the database goes;
  // Wake() after a commit that queued mail (mail::Enqueue).
  mail::Sender& mail() { return mail_; }
  // Delivers WhatsApp messages of the outbox: Start() and Stop() as mail().
  mail::Sender& whatsapp() { return whatsapp_; }
  messaging::MessageService& messages() { return messages_; }

 private:
  storage::Database& database_;
  http::Metrics metrics_;
  staff::AuthService auth_;
  staff::StaffService staff_;
  customers::CustomerRepository customer_repository_;
  customers::CustomerService customer_service_;
  catalog::NamedResourceService product_types_;
  catalog::NamedResourceService warehouses_;
  catalog::ProductService products_;
  orders::OrderService orders_;
  orders::QuickLinkService quick_links_;
  notes::NoteService notes_;
  customers::TagService tags_;
  history::HistoryService history_;
  addresses::AddressService addresses_;
  transfer::ExportService exports_;
  transfer::ImportService imports_;
  mail::Sender mail_;
  settings::SettingsService settings_;
  contacts::ContactService contacts_;
  portal::PortalAuth portal_auth_;
  mail::Sender whatsapp_;
  messaging::MessageService messages_;
  http::StaticFiles static_files_;
  http::Router router_;
};

}  // namespace cartera::app
