#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "contacts/contact_service.hpp"
#include "customers/customer_repository.hpp"
#include "history/history_service.hpp"
#include "mail/outbox.hpp"
#include "messaging/template_repository.hpp"
#include "orders/order_service.hpp"
#include "orders/quick_link_service.hpp"
#include "storage/database.hpp"

// Writing to a customer (F25, F26): composed email and WhatsApp templates, queued through the
// one outbox; message templates; the WhatsApp webhook. The rules live here; SQL lives in the
// repositories (template_repository, mail/outbox); HTTP in message_routes. docs/messaging.md.
namespace cartera::messaging {

inline constexpr size_t kMaxRecipients = 20;
inline constexpr size_t kMaxAttachments = 10;
inline constexpr int64_t kMaxAttachmentBytes = 20 * 1024 * 1024;
inline constexpr size_t kMaxSubjectLength = 200;
inline constexpr size_t kMaxBodyBytes = 200'000;
inline constexpr size_t kMaxTemplateBodyLength = 100'000;

// The staff user who writes.
struct Writer {
  int64_t id = 0;
  std::string name;
  std::string email;
};

struct Recipient {
  std::optional<int64_t> contact_id;
  std::optional<std::string> email, phone;
};

struct Compose {
  mail::Channel channel = mail::Channel::kEmail;
  std::vector<Recipient> to;
  std::string subject, body_html;
  std::vector<int64_t> attachment_ids;
  std::optional<int64_t> template_id, order_id;
};

struct Rendered {
  std::optional<std::string> subject, body_html;
  std::string body_text;
};

struct WhatsAppLink {
  std::string url;
  std::string phone;  // E.164
};

struct TemplateInput {
  std::optional<std::string> name;
  std::optional<mail::Channel> channel;
  std::optional<Language> language;
  std::optional<std::optional<std::string>> subject, provider_template_name;
  std::optional<std::string> body;
};

class MessageService {
 public:
  MessageService(storage::Database& database, customers::CustomerRepository& customers,
                 contacts::ContactService& contacts, orders::OrderService& orders,
                 orders::QuickLinkService& quick_links, history::HistoryService& history,
                 std::string quick_link_base)
      : database_(database),
        customers_(customers),
        contacts_(contacts),
        orders_(orders),
        quick_links_(quick_links),
        history_(history),
        quick_link_base_(std::move(quick_link_base)) {}

  // Called after a commit that queued messages of a channel (wakes its sender).
  void OnQueued(std::function<void(mail::Channel)> wake) { wake_ = std::move(wake); }

  // Queues one message per recipient in one transaction. Errors: kNotFound (customer),
  // kValidation naming each bad field, kConflict `whatsapp_not_configured`.
  Result<std::vector<mail::MessageSummary>> Send(int64_t customer_id, const Compose& compose,
                                                 const Writer& writer);
  // The first recipient's rendering of `compose`. Errors: as Send.
  Result<Rendered> Preview(int64_t customer_id, const Compose& compose, const Writer& writer);
  Result<mail::MessagePage> List(int64_t customer_id, const mail::MessageFilter& filter,
                                 const std::optional<std::string>& cursor, int64_t limit);
  // Errors: kNotFound.
  Result<mail::MessageSummary> Get(int64_t id);
  // Errors: kNotFound, kConflict `not_failed`.
  Result<mail::MessageSummary> Retry(int64_t id);
  // Stores an upload as an attachment of the customer (it shows in its history).
  // Errors: those of history::HistoryService::AddAttachment.
  Result<history::Attachment> Upload(int64_t customer_id, std::string_view content,
                                     std::string_view filename, const Writer& writer);
  // Errors: kNotFound (customer, contact, template), kValidation `no_phone`.
  Result<WhatsAppLink> Link(int64_t customer_id, std::optional<int64_t> contact_id,
                            std::optional<std::string> text, std::optional<int64_t> template_id,
                            const Writer& writer);

  std::vector<MessageTemplate> Templates(std::optional<mail::Channel> channel,
                                         std::optional<Language> language);
  Result<MessageTemplate> Template(int64_t id);
  // Errors: kValidation naming each bad field.
  Result<MessageTemplate> CreateTemplate(const TemplateInput& input);
  // Errors: kNotFound, kFailedPrecondition (version), kValidation.
  Result<MessageTemplate> UpdateTemplate(int64_t id, const TemplateInput& input,
                                         std::optional<int64_t> version);
  Status DeleteTemplate(int64_t id);
  // Errors: kNotFound (template, customer, contact, order), kValidation naming each
  // placeholder without a value.
  Result<Rendered> RenderTemplate(int64_t id, int64_t customer_id,
                                  std::optional<int64_t> contact_id,
                                  std::optional<int64_t> order_id, const Writer& writer);

  // The webhook's verification handshake: the challenge when the token matches.
  // Errors: kPermissionDenied.
  Result<std::string> VerifyWebhook(std::string_view mode, std::string_view token,
                                    std::string_view challenge);
  // Status updates: the body's HMAC-SHA256 with the app secret must equal `signature`
  // ("sha256=<hex>"). Returns how many messages changed. Errors: kUnauthenticated (signature),
  // kInvalidArgument (not JSON).
  Result<int64_t> ApplyWebhook(std::string_view body, std::string_view signature);

  // Demo data: the sample templates (es, en) when there are none.
  void SeedTemplates();

 private:
  struct Target;
  // The recipients of `compose` among the customer's addresses and contacts; errors name each
  // bad one.
  Result<std::vector<Target>> ResolveRecipients(const customers::Customer& customer,
                                                const Compose& compose,
                                                std::string_view default_country,
                                                std::vector<FieldError>& errors);

  // The {{order.*}} values of `order_id`, one of the customer's orders, or an error on
  // order_id.
  void AddOrder(std::optional<int64_t> order_id, const customers::Customer& customer,
                boost::json::object& values, std::vector<FieldError>& errors);

  storage::Database& database_;
  customers::CustomerRepository& customers_;
  contacts::ContactService& contacts_;
  orders::OrderService& orders_;
  orders::QuickLinkService& quick_links_;
  history::HistoryService& history_;
  std::string quick_link_base_;
  TemplateRepository templates_;
  std::function<void(mail::Channel)> wake_;
};

}  // namespace cartera::messaging
