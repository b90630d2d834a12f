#include "messaging/message_service.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <set>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "common/validation.hpp"
#include "messaging/html_sanitizer.hpp"
#include "messaging/phone.hpp"
#include "messaging/placeholders.hpp"
#include "settings/settings.hpp"

namespace cartera::messaging {
namespace {

namespace json = boost::json;
using storage::Connection;

constexpr std::string_view kPreviewLink = "/q/…";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The values of the customer and store placeholders.
json::object BaseValues(const customers::Customer& customer, const settings::Settings& store,
                        const Writer& writer) {
  const auto text = [](const std::optional<std::string>& value) {
    return value ? json::value(*value) : json::value(nullptr);
  };
  return {{"customer",
           {{"name", customer.name},
            {"legal_name", text(customer.legal_name)},
            {"email", text(customer.email)},
            {"phone", text(customer.phone)},
            {"tax_id", text(customer.tax_id)},
            {"contact_person", text(customer.contact_person)},
            {"balance", FormatMoney(customer.balance_overdue_minor + customer.balance_not_due_minor,
                                    customer.currency, customer.language)},
            {"overdue_balance",
             FormatMoney(customer.balance_overdue_minor, customer.currency, customer.language)}}},
          {"store", {{"name", store.store_name}}},
          {"staff", {{"name", writer.name}, {"email", writer.email}}}};
}

json::object ContactValues(const contacts::Contact& contact) {
  return {{"first_name", contact.first_name},
          {"last_name", contact.last_name ? json::value(*contact.last_name) : nullptr},
          {"full_name", contact.FullName()},
          {"email", contact.email},
          {"phone", contact.phone ? json::value(*contact.phone) : nullptr}};
}

// The customer's main address stands for its contact person ("Ana Ruiz": first name Ana), or
// the company itself when it names none.
json::object MainContactValues(const customers::Customer& customer) {
  const std::string person =
      customer.contact_person ? std::string(text::Trim(*customer.contact_person)) : "";
  const std::string full = person.empty() ? customer.name : person;
  const size_t space = full.find(' ');
  return {{"first_name", full.substr(0, space)},
          {"last_name",
           space == std::string::npos ? json::value(nullptr) : json::value(full.substr(space + 1))},
          {"full_name", full},
          {"email", customer.email ? json::value(*customer.email) : nullptr},
          {"phone", customer.phone ? json::value(*customer.phone) : nullptr}};
}

json::object OrderValues(const orders::Order& order, std::string_view language) {
  return {{"number", order.number},
          {"total", FormatMoney(order.total_minor, order.currency, language)},
          {"status", order.status},
          {"date", time::FormatDate(order.placed_at)}};
}

Rendered RenderEmail(std::string_view subject, std::string_view sanitized_html,
                     const json::object& values) {
  Rendered out;
  out.subject = Fill(subject, values, Output::kText);
  out.body_html = Fill(sanitized_html, values, Output::kHtml);
  out.body_text = Sanitize(*out.body_html).text;
  return out;
}

// A full HTML document around a composed body, as mail readers expect one.
std::string HtmlDocument(const std::string& body) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:"
         "Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2328\">" +
         body + "</body></html>";
}

json::object TemplateRequest(const MessageTemplate& item, std::string_view to,
                             const std::vector<std::string>& parameters) {
  json::array params;
  for (const auto& parameter : parameters) {
    params.push_back({{"type", "text"}, {"text", parameter}});
  }
  json::object template_object{{"name", item.provider_template_name.value_or("")},
                               {"language", {{"code", LanguageName(item.language)}}}};
  if (!params.empty()) {
    template_object["components"] = json::array{{{"type", "body"}, {"parameters", params}}};
  }
  return {{"messaging_product", "whatsapp"},
          {"to", to.starts_with("+") ? to.substr(1) : to},
          {"type", "template"},
          {"template", std::move(template_object)}};
}

}  // namespace

// One resolved recipient.
struct MessageService::Target {
  std::optional<contacts::Contact> contact;
  std::string address;  // email, or E.164
  std::string name;
  std::string language;
  json::object contact_values;
};

Result<std::vector<MessageService::Target>> MessageService::ResolveRecipients(
    const customers::Customer& customer, const Compose& compose, std::string_view default_country,
    std::vector<FieldError>& errors) {
  std::vector<Target> targets;
  if (compose.to.empty()) {
    errors.push_back({"to", "required", "Choose at least one recipient."});
    return targets;
  }
  if (compose.to.size() > kMaxRecipients) {
    errors.push_back(
        {"to", "too_many", "At most " + std::to_string(kMaxRecipients) + " recipients."});
    return targets;
  }
  TRY_ASSIGN(const auto page, contacts_.List(customer.id, contacts::kMaxPerCustomer, std::nullopt));
  const auto& contacts = page.items;
  const bool whatsapp = compose.channel == mail::Channel::kWhatsApp;
  const std::string customer_country = customer.country && !customer.country->empty()
                                           ? *customer.country
                                           : std::string(default_country);
  std::set<std::string> seen;
  for (size_t i = 0; i < compose.to.size(); ++i) {
    const Recipient& recipient = compose.to[i];
    const std::string field = "to[" + std::to_string(i) + "]";
    Target target;
    target.language = customer.language;
    if (recipient.contact_id) {
      const auto found = std::find_if(contacts.begin(), contacts.end(),
                                      [&](const auto& c) { return c.id == *recipient.contact_id; });
      if (found == contacts.end()) {
        errors.push_back({field + ".contact_id", "not_found", "Not a contact of this customer."});
        continue;
      }
      target.contact = *found;
    } else if (recipient.email && !whatsapp) {
      const std::string wanted = Lower(*recipient.email);
      const auto found = std::find_if(contacts.begin(), contacts.end(),
                                      [&](const auto& c) { return Lower(c.email) == wanted; });
      if (customer.email && Lower(*customer.email) == wanted) {
        target.address = *customer.email;
      } else if (found != contacts.end()) {
        target.contact = *found;
      } else {
        errors.push_back({field + ".email", "not_a_recipient",
                          "Neither the customer's email nor one of its contacts'."});
        continue;
      }
    } else if (recipient.phone && whatsapp) {
      // The customer's phone or WhatsApp, or a contact's, compared as E.164.
      const auto wanted = ToE164(*recipient.phone, customer_country);
      const auto same = [&](const std::optional<std::string>& number, std::string_view country) {
        return wanted && number && ToE164(*number, country) == wanted;
      };
      if (same(customer.whatsapp, customer_country) || same(customer.phone, customer_country)) {
        target.address = *wanted;
      } else {
        const auto found = std::find_if(contacts.begin(), contacts.end(), [&](const auto& c) {
          const std::string country =
              c.country && !c.country->empty() ? *c.country : customer_country;
          return same(c.whatsapp, country) || same(c.phone, country);
        });
        if (found == contacts.end()) {
          errors.push_back({field + ".phone", "not_a_recipient",
                            "Neither the customer's number nor one of its contacts'."});
          continue;
        }
        target.contact = *found;
        target.address = *wanted;
      }
    } else {
      errors.push_back({field, "required",
                        whatsapp ? "Give contact_id or phone." : "Give contact_id or email."});
      continue;
    }
    if (target.contact) {
      const auto& contact = *target.contact;
      target.name = contact.FullName();
      target.contact_values = ContactValues(contact);
      if (contact.language) target.language = *contact.language;
      if (!whatsapp) {
        target.address = contact.email;
      } else if (target.address.empty()) {
        const std::string country =
            contact.country && !contact.country->empty() ? *contact.country : customer_country;
        std::optional<std::string> number;
        if (contact.whatsapp) number = ToE164(*contact.whatsapp, country);
        if (!number && contact.phone) number = ToE164(*contact.phone, country);
        if (!number) {
          errors.push_back(
              {field + ".contact_id", "no_phone", "This contact has no phone number."});
          continue;
        }
        target.address = *number;
      }
    } else {
      target.name = customer.contact_person.value_or(customer.name);
      target.contact_values = MainContactValues(customer);
    }
    if (target.address.empty()) {
      errors.push_back({field, "no_email", "This recipient has no email address."});
      continue;
    }
    if (!seen.insert(Lower(target.address)).second) continue;  // sent once
    targets.push_back(std::move(target));
  }
  return targets;
}

void MessageService::AddOrder(std::optional<int64_t> order_id, const customers::Customer& customer,
                              boost::json::object& values, std::vector<FieldError>& errors) {
  if (!order_id) return;
  const auto order = orders_.Find(*order_id);
  if (!order || order->customer_id != customer.id) {
    errors.push_back({"order_id", "not_found", "Not an order of this customer."});
    return;
  }
  values["order"] = OrderValues(*order, customer.language);
}

Result<std::vector<mail::MessageSummary>> MessageService::Send(int64_t customer_id,
                                                               const Compose& compose,
                                                               const Writer& writer) {
  auto result = database_.InTransaction(
      [&](Connection& connection) -> Result<std::vector<mail::MessageSummary>> {
        const auto customer = customers_.FindById(connection, customer_id);
        if (!customer) return NotFound("customer");
        const settings::Settings store = settings::Load(connection);
        std::vector<FieldError> errors;
        TRY_ASSIGN(auto targets,
                   ResolveRecipients(*customer, compose, store.default_country, errors));
        json::object values = BaseValues(*customer, store, writer);
        AddOrder(compose.order_id, *customer, values, errors);
        std::optional<MessageTemplate> chosen;
        if (compose.template_id) {
          chosen = templates_.Find(connection, *compose.template_id);
          if (!chosen || chosen->channel != compose.channel) {
            errors.push_back({"template_id", "not_found", "No such template for this channel."});
            chosen.reset();
          }
        }
        const bool whatsapp = compose.channel == mail::Channel::kWhatsApp;
        // What will be rendered: the composed email, or the WhatsApp template's body.
        std::string subject = compose.subject;
        std::string body;
        std::string field = "body_html";
        if (whatsapp) {
          if (!compose.template_id) {
            errors.push_back({"template_id", "required", "WhatsApp messages use a template."});
          } else if (chosen && !chosen->provider_template_name) {
            errors.push_back(
                {"template_id", "not_whatsapp", "The template has no WhatsApp Business name."});
          }
          if (chosen) body = chosen->body;
          field = "template_id";
          if (!store.WhatsAppConfigured()) {
            return MakeError(ErrorCode::kConflict, "whatsapp_not_configured",
                             "Set the WhatsApp Business phone number id and access token in "
                             "Configuración first.");
          }
        } else {
          if (text::Trim(subject).empty()) {
            errors.push_back({"subject", "required", "Write a subject."});
          }
          body = Sanitize(compose.body_html).html;
          if (text::Trim(Sanitize(body).text).empty()) {
            errors.push_back({"body_html", "required", "Write a message."});
          }
          CheckKnown(subject, "subject", errors);
        }
        CheckKnown(body, field, errors);
        // Attachments: the customer's own files.
        json::array attachments;
        int64_t total_bytes = 0;
        if (compose.attachment_ids.size() > kMaxAttachments) {
          errors.push_back({"attachment_ids", "too_many",
                            "At most " + std::to_string(kMaxAttachments) + " files."});
        } else {
          for (size_t i = 0; i < compose.attachment_ids.size(); ++i) {
            const auto file = history_.FindAttachment(compose.attachment_ids[i]);
            if (!file || file->customer_id != customer_id) {
              errors.push_back({"attachment_ids[" + std::to_string(i) + "]", "not_found",
                                "Not a file of this customer."});
              continue;
            }
            total_bytes += file->size;
            attachments.push_back({{"id", std::to_string(file->id)},
                                   {"name", file->name},
                                   {"content_type", file->content_type},
                                   {"size", file->size},
                                   {"sha256", file->sha256}});
          }
          if (total_bytes > kMaxAttachmentBytes) {
            errors.push_back({"attachment_ids", "too_large", "The files add up to over 20 MiB."});
          }
        }
        if (!errors.empty()) return ValidationError(std::move(errors));
        // A new quick-order link, once for the whole send, when the text asks for one.
        const bool wants_link = std::ranges::any_of(PlaceholdersOf(subject + body),
                                                    [](auto& n) { return n == "quick_link.url"; });
        if (wants_link) {
          const auto link = quick_links_.Insert(connection, customer_id, std::nullopt, writer.id);
          values["quick_link"] = json::object{{"url", quick_link_base_ + "/q/" + link.token}};
        }
        // Every recipient's values must fill every placeholder before anything is queued.
        for (const Target& target : targets) {
          json::object mine = values;
          mine["contact"] = target.contact_values;
          if (!whatsapp) CheckAvailable(subject, mine, "subject", errors);
          CheckAvailable(body, mine, field, errors);
          if (!errors.empty()) return ValidationError(std::move(errors));
        }
        const time::Micros now = time::Now();
        std::optional<int64_t> batch_id;
        std::vector<int64_t> ids;
        for (const Target& target : targets) {
          json::object mine = values;
          mine["contact"] = target.contact_values;
          mail::OutgoingMessage message;
          message.customer_id = customer_id;
          if (target.contact) message.contact_id = target.contact->id;
          message.channel = compose.channel;
          message.to_address = target.address;
          message.to_name = target.name;
          message.language = target.language;
          message.template_id = compose.template_id;
          message.batch_id = batch_id;
          message.sent_by = writer.id;
          message.sent_by_name = writer.name;
          if (whatsapp) {
            message.template_name = "whatsapp_template";
            message.subject = chosen->name;
            message.body_text = Fill(body, mine, Output::kText);
            std::vector<std::string> parameters;
            for (const auto& name : PlaceholdersOf(body)) {
              parameters.push_back(Fill("{{" + name + "}}", mine, Output::kText));
            }
            message.payload = json::serialize(TemplateRequest(*chosen, target.address, parameters));
          } else {
            const Rendered rendered = RenderEmail(subject, body, mine);
            message.template_name = "composed";
            message.subject = *rendered.subject;
            message.body_html = HtmlDocument(*rendered.body_html);
            message.body_text = rendered.body_text;
            message.attachments = json::serialize(attachments);
          }
          const int64_t id = mail::Insert(connection, message, now);
          if (!batch_id) batch_id = id;
          ids.push_back(id);
          json::object data{{"message_id", std::to_string(id)},
                            {"channel", mail::ChannelName(compose.channel)},
                            {"to", target.address},
                            {"subject", message.subject},
                            {"template", message.template_name}};
          if (target.contact) data["contact_id"] = std::to_string(target.contact->id);
          history::RecordEvent(connection, customer_id, compose.order_id, "message_queued",
                               history::EventActor{"staff", writer.id, writer.name}, data, now);
        }
        std::vector<mail::MessageSummary> messages;
        if (batch_id) messages = mail::FindBatch(connection, *batch_id);
        return messages;
      });
  if (result.ok() && wake_) wake_(compose.channel);
  return result;
}

Result<Rendered> MessageService::Preview(int64_t customer_id, const Compose& compose,
                                         const Writer& writer) {
  auto connection = database_.Acquire();
  const auto customer = customers_.FindById(*connection, customer_id);
  if (!customer) return NotFound("customer");
  const settings::Settings store = settings::Load(*connection);
  std::vector<FieldError> errors;
  TRY_ASSIGN(const auto targets,
             ResolveRecipients(*customer, compose, store.default_country, errors));
  json::object values = BaseValues(*customer, store, writer);
  values["quick_link"] = json::object{{"url", quick_link_base_ + std::string(kPreviewLink)}};
  AddOrder(compose.order_id, *customer, values, errors);
  const std::string body = Sanitize(compose.body_html).html;
  CheckKnown(compose.subject, "subject", errors);
  CheckKnown(body, "body_html", errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  if (!targets.empty()) values["contact"] = targets.front().contact_values;
  CheckAvailable(compose.subject, values, "subject", errors);
  CheckAvailable(body, values, "body_html", errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  return RenderEmail(compose.subject, body, values);
}

Result<mail::MessagePage> MessageService::List(int64_t customer_id,
                                               const mail::MessageFilter& filter,
                                               const std::optional<std::string>& cursor,
                                               int64_t limit) {
  return mail::ListCustomerMessages(database_, customer_id, filter, cursor, limit);
}

Result<mail::MessageSummary> MessageService::Get(int64_t id) {
  auto connection = database_.Acquire();
  auto message = mail::FindMessage(*connection, id);
  if (!message) return NotFound("message");
  return std::move(*message);
}

Result<mail::MessageSummary> MessageService::Retry(int64_t id) {
  std::optional<mail::Channel> channel;
  auto result =
      database_.InTransaction([&](Connection& connection) -> Result<mail::MessageSummary> {
        TRY(mail::Requeue(connection, id, time::Now()));
        auto message = mail::FindMessage(connection, id);
        channel = mail::ParseChannel(message->channel);
        return std::move(*message);
      });
  if (result.ok() && wake_ && channel) wake_(*channel);
  return result;
}

Result<history::Attachment> MessageService::Upload(int64_t customer_id, std::string_view content,
                                                   std::string_view filename,
                                                   const Writer& writer) {
  TRY_ASSIGN(const auto event, history_.AddAttachment(customer_id, content, filename, std::nullopt,
                                                      history::Author{writer.id, writer.name}));
  int64_t id = 0;
  const auto& attachment = event.data.at("attachment").as_object();
  const auto& text = attachment.at("id").as_string();
  id = std::stoll(std::string(text));
  auto stored = history_.FindAttachment(id);
  if (!stored) return NotFound("attachment");
  return std::move(*stored);
}

Result<WhatsAppLink> MessageService::Link(int64_t customer_id, std::optional<int64_t> contact_id,
                                          std::optional<std::string> text,
                                          std::optional<int64_t> template_id,
                                          const Writer& writer) {
  auto connection = database_.Acquire();
  const auto customer = customers_.FindById(*connection, customer_id);
  if (!customer) return NotFound("customer");
  const settings::Settings store = settings::Load(*connection);
  const std::string customer_country =
      customer->country && !customer->country->empty() ? *customer->country : store.default_country;
  std::optional<std::string> number;
  json::object values = BaseValues(*customer, store, writer);
  if (contact_id) {
    const auto contact = contacts_.Find(*contact_id);
    if (!contact || contact->customer_id != customer_id) return NotFound("contact");
    const std::string country =
        contact->country && !contact->country->empty() ? *contact->country : customer_country;
    if (contact->whatsapp) number = ToE164(*contact->whatsapp, country);
    if (!number && contact->phone) number = ToE164(*contact->phone, country);
    values["contact"] = ContactValues(*contact);
  } else {
    if (customer->whatsapp) number = ToE164(*customer->whatsapp, customer_country);
    if (!number && customer->phone) number = ToE164(*customer->phone, customer_country);
    values["contact"] = MainContactValues(*customer);
  }
  if (!number) {
    return ValidationError({{contact_id ? "contact_id" : "customer_id", "no_phone",
                             "No phone or WhatsApp number to write to."}});
  }
  std::string message = text.value_or("");
  if (template_id) {
    const auto chosen = templates_.Find(*connection, *template_id);
    if (!chosen) return NotFound("template");
    std::vector<FieldError> errors;
    values["quick_link"] = json::object{{"url", quick_link_base_ + std::string(kPreviewLink)}};
    CheckAvailable(chosen->body, values, "template_id", errors);
    if (!errors.empty()) return ValidationError(std::move(errors));
    message = chosen->channel == mail::Channel::kEmail
                  ? Sanitize(Fill(chosen->body, values, Output::kHtml)).text
                  : Fill(chosen->body, values, Output::kText);
  }
  WhatsAppLink link;
  link.phone = *number;
  link.url = "https://wa.me/" + number->substr(1);
  if (!message.empty())
    link.url += "?text=" + std::string(boost::urls::encode(message, boost::urls::unreserved_chars));
  return link;
}

std::vector<MessageTemplate> MessageService::Templates(std::optional<mail::Channel> channel,
                                                       std::optional<Language> language) {
  auto connection = database_.Acquire();
  return templates_.List(*connection, channel, language);
}

Result<MessageTemplate> MessageService::Template(int64_t id) {
  auto connection = database_.Acquire();
  auto found = templates_.Find(*connection, id);
  if (!found) return NotFound("template");
  return std::move(*found);
}

namespace {

// The rules every saved template meets; `item` is the whole template after the change.
void CheckTemplate(MessageTemplate& item, std::vector<FieldError>& errors) {
  if (text::Trim(item.name).empty()) errors.push_back({"name", "required", "Name the template."});
  if (item.channel == mail::Channel::kEmail) {
    if (!item.subject || text::Trim(*item.subject).empty()) {
      errors.push_back({"subject", "required", "An email template needs a subject."});
    }
    item.body = Sanitize(item.body).html;
    item.provider_template_name.reset();
  } else {
    item.subject.reset();
    const auto& name = item.provider_template_name;
    const bool valid = name && !name->empty() && name->size() <= 512 &&
                       std::all_of(name->begin(), name->end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
    if (!valid) {
      errors.push_back({"provider_template_name", name ? "invalid" : "required",
                        "The template's name in WhatsApp Business: lower-case letters, digits "
                        "and _."});
    }
  }
  if (text::Trim(item.body).empty()) errors.push_back({"body", "required", "Write the body."});
  if (item.subject) CheckKnown(*item.subject, "subject", errors);
  CheckKnown(item.body, "body", errors);
}

void Apply(const TemplateInput& input, MessageTemplate& item) {
  if (input.name) item.name = *input.name;
  if (input.channel) item.channel = *input.channel;
  if (input.language) item.language = *input.language;
  if (input.subject) item.subject = *input.subject;
  if (input.body) item.body = *input.body;
  if (input.provider_template_name) item.provider_template_name = *input.provider_template_name;
}

}  // namespace

Result<MessageTemplate> MessageService::CreateTemplate(const TemplateInput& input) {
  MessageTemplate item;
  Apply(input, item);
  std::vector<FieldError> errors;
  if (!input.channel) errors.push_back({"channel", "required", "email or whatsapp."});
  if (!input.language) errors.push_back({"language", "required", "es or en."});
  CheckTemplate(item, errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  return database_.InTransaction([&](Connection& connection) -> Result<MessageTemplate> {
    return templates_.Save(connection, item, time::Now());
  });
}

Result<MessageTemplate> MessageService::UpdateTemplate(int64_t id, const TemplateInput& input,
                                                       std::optional<int64_t> version) {
  return database_.InTransaction([&](Connection& connection) -> Result<MessageTemplate> {
    auto item = templates_.Find(connection, id);
    if (!item) return NotFound("template");
    if (version && *version != item->version) {
      return MakeError(ErrorCode::kFailedPrecondition, "precondition_failed",
                       "The template changed since it was read.");
    }
    Apply(input, *item);
    std::vector<FieldError> errors;
    CheckTemplate(*item, errors);
    if (!errors.empty()) return ValidationError(std::move(errors));
    return templates_.Save(connection, *item, time::Now());
  });
}

Status MessageService::DeleteTemplate(int64_t id) {
  return database_.InTransaction([&](Connection& connection) -> Status {
    if (!templates_.Delete(connection, id)) return NotFound("template");
    return Ok{};
  });
}

Result<Rendered> MessageService::RenderTemplate(int64_t id, int64_t customer_id,
                                                std::optional<int64_t> contact_id,
                                                std::optional<int64_t> order_id,
                                                const Writer& writer) {
  auto connection = database_.Acquire();
  const auto item = templates_.Find(*connection, id);
  if (!item) return NotFound("template");
  const auto customer = customers_.FindById(*connection, customer_id);
  if (!customer) return NotFound("customer");
  const settings::Settings store = settings::Load(*connection);
  json::object values = BaseValues(*customer, store, writer);
  values["quick_link"] = json::object{{"url", quick_link_base_ + std::string(kPreviewLink)}};
  if (contact_id) {
    const auto contact = contacts_.Find(*contact_id);
    if (!contact || contact->customer_id != customer_id) return NotFound("contact");
    values["contact"] = ContactValues(*contact);
  } else {
    values["contact"] = MainContactValues(*customer);
  }
  if (order_id) {
    const auto order = orders_.Find(*order_id);
    if (!order || order->customer_id != customer_id) return NotFound("order");
    values["order"] = OrderValues(*order, customer->language);
  }
  std::vector<FieldError> errors;
  if (item->subject) CheckAvailable(*item->subject, values, "subject", errors);
  CheckAvailable(item->body, values, "body", errors);
  if (!errors.empty()) return ValidationError(std::move(errors));
  if (item->channel == mail::Channel::kWhatsApp) {
    Rendered out;
    out.body_text = Fill(item->body, values, Output::kText);
    return out;
  }
  return RenderEmail(item->subject.value_or(""), item->body, values);
}

Result<std::string> MessageService::VerifyWebhook(std::string_view mode, std::string_view token,
                                                  std::string_view challenge) {
  auto connection = database_.Acquire();
  const settings::Settings store = settings::Load(*connection);
  if (mode != "subscribe" || store.whatsapp_verify_token.empty() ||
      !crypto::ConstantTimeEquals(token, store.whatsapp_verify_token)) {
    return MakeError(ErrorCode::kPermissionDenied, "forbidden", "Wrong verify token.");
  }
  return std::string(challenge);
}

Result<int64_t> MessageService::ApplyWebhook(std::string_view body, std::string_view signature) {
  std::string secret;
  {
    auto connection = database_.Acquire();
    secret = settings::Load(*connection).whatsapp_app_secret;
  }
  const std::string expected = "sha256=" + crypto::HmacSha256Hex(secret, body);
  if (secret.empty() || !crypto::ConstantTimeEquals(signature, expected)) {
    return MakeError(ErrorCode::kUnauthenticated, "invalid_signature",
                     "X-Hub-Signature-256 does not match the body.");
  }
  boost::system::error_code parse_error;
  const json::value parsed = json::parse(body, parse_error);
  if (parse_error || !parsed.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "bad_request", "The body is not JSON.");
  }
  struct Update {
    std::string id;
    mail::DeliveryStatus status;
    std::string error;
    time::Micros at;
  };
  std::vector<Update> updates;
  const auto* entries = parsed.as_object().if_contains("entry");
  if (entries && entries->is_array()) {
    for (const auto& entry : entries->get_array()) {
      const auto* changes = entry.is_object() ? entry.get_object().if_contains("changes") : nullptr;
      if (!changes || !changes->is_array()) continue;
      for (const auto& change : changes->get_array()) {
        const auto* value = change.is_object() ? change.get_object().if_contains("value") : nullptr;
        const auto* statuses =
            value && value->is_object() ? value->get_object().if_contains("statuses") : nullptr;
        if (!statuses || !statuses->is_array()) continue;
        for (const auto& item : statuses->get_array()) {
          if (!item.is_object()) continue;
          const auto& object = item.get_object();
          const auto* id = object.if_contains("id");
          const auto* status = object.if_contains("status");
          if (!id || !id->is_string() || !status || !status->is_string()) continue;
          const auto parsed_status = mail::ParseStatus(status->get_string());
          if (!parsed_status) continue;
          std::string error;
          if (const auto* errs = object.if_contains("errors"); errs && errs->is_array() &&
                                                               !errs->get_array().empty() &&
                                                               errs->get_array()[0].is_object()) {
            const auto& first = errs->get_array()[0].get_object();
            for (const char* key : {"message", "title"}) {
              if (const auto* m = first.if_contains(key); m && m->is_string()) {
                error = std::string(m->get_string());
                break;
              }
            }
          }
          updates.push_back({std::string(id->get_string()), *parsed_status,
                             error.empty() ? "WhatsApp reported the message failed" : error,
                             time::Now()});
        }
      }
    }
  }
  int64_t changed = 0;
  if (updates.empty()) return changed;
  const auto status = database_.InTransaction([&](Connection& connection) -> Status {
    for (const Update& update : updates) {
      if (mail::ApplyProviderStatus(connection, update.id, update.status, update.error,
                                    update.at)) {
        ++changed;
      }
    }
    return Ok{};
  });
  if (!status.ok()) return status.error();
  return changed;
}

}  // namespace cartera::messaging
