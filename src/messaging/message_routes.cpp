#include "messaging/message_routes.hpp"

#include <boost/json.hpp>

#include "history/history_routes.hpp"
#include "http/json_input.hpp"
#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "http/resource.hpp"
#include "messaging/placeholders.hpp"

namespace cartera::messaging {
namespace {

namespace json = boost::json;
using http::Access;
using http::Request;
using http::Response;

Writer WriterOf(const Request& request) {
  const auto& principal = request.principal;
  return Writer{principal.id, principal.name.empty() ? principal.email : principal.name,
                principal.email};
}

json::value Id(const std::optional<int64_t>& id) {
  return id ? json::value(std::to_string(*id)) : json::value(nullptr);
}

json::value Time(const std::optional<time::Micros>& at) {
  return at ? json::value(time::FormatRfc3339(*at)) : json::value(nullptr);
}

json::object MessageJson(const mail::MessageSummary& m, bool with_body) {
  json::array attachments;
  const json::value files = json::parse(m.attachments);
  for (const auto& file : files.as_array()) {
    const auto& object = file.as_object();
    attachments.push_back({{"id", object.at("id")},
                           {"name", object.at("name")},
                           {"size", object.at("size")},
                           {"content_type", object.at("content_type")}});
  }
  json::object out{{"id", std::to_string(m.id)},
                   {"batch_id", std::to_string(m.batch_id)},
                   {"customer_id", Id(m.customer_id)},
                   {"channel", m.channel},
                   {"contact_id", Id(m.contact_id)},
                   {"to", m.to_address},
                   {"to_name", m.to_name},
                   {"subject", m.subject},
                   {"template", m.template_name},
                   {"template_id", Id(m.template_id)},
                   {"status", m.status},
                   {"attempts", m.attempts},
                   {"last_error", m.last_error ? json::value(*m.last_error) : nullptr},
                   {"created_at", time::FormatRfc3339(m.created_at)},
                   {"sent_at", Time(m.sent_at)},
                   {"delivered_at", Time(m.delivered_at)},
                   {"read_at", Time(m.read_at)},
                   {"sent_by", m.sent_by ? json::value({{"id", std::to_string(*m.sent_by)},
                                                        {"name", m.sent_by_name.value_or("")}})
                                         : json::value(nullptr)},
                   {"attachments", std::move(attachments)}};
  if (with_body) {
    out["body_html"] = m.channel == "email" ? json::value(m.body_html) : json::value(nullptr);
    out["body_text"] = m.body_text;
  }
  return out;
}

json::object TemplateJson(const MessageTemplate& t) {
  std::vector<std::string> placeholders;
  const auto add = [&](const std::string& text) {
    for (auto& name : PlaceholdersOf(text)) {
      if (std::find(placeholders.begin(), placeholders.end(), name) == placeholders.end()) {
        placeholders.push_back(std::move(name));
      }
    }
  };
  if (t.subject) add(*t.subject);
  add(t.body);
  return {{"id", std::to_string(t.id)},
          {"name", t.name},
          {"channel", mail::ChannelName(t.channel)},
          {"language", LanguageName(t.language)},
          {"subject", t.subject ? json::value(*t.subject) : nullptr},
          {"body", t.body},
          {"provider_template_name",
           t.provider_template_name ? json::value(*t.provider_template_name) : nullptr},
          {"placeholders", json::value_from(placeholders)},
          {"version", t.version},
          {"created_at", time::FormatRfc3339(t.created_at)},
          {"updated_at", time::FormatRfc3339(t.updated_at)}};
}

Response TemplateResponse(unsigned status, const MessageTemplate& t) {
  Response response = http::JsonResponse(status, TemplateJson(t));
  return std::move(http::WithEtag(response, t.version));
}

json::object RenderedJson(const Rendered& r) {
  return {{"subject", r.subject ? json::value(*r.subject) : nullptr},
          {"body_html", r.body_html ? json::value(*r.body_html) : nullptr},
          {"body_text", r.body_text}};
}

// An id in a JSON body: a string of digits (ids are opaque strings) or a positive integer.
std::optional<int64_t> IdValue(const json::value& value) {
  if (value.is_string()) return ParseId(value.get_string());
  if (value.is_int64() && value.get_int64() > 0) return value.get_int64();
  return std::nullopt;
}

void ReadOptionalId(const json::object& body, std::string_view name, std::optional<int64_t>& out,
                    std::vector<FieldError>& errors) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null() || (value->is_string() && value->get_string().empty())) return;
  out = IdValue(*value);
  if (!out) errors.push_back({std::string(name), "invalid", "An id."});
}

Recipient ReadRecipient(const json::value& value, const std::string& field,
                        std::vector<FieldError>& errors) {
  Recipient recipient;
  if (!value.is_object()) {
    errors.push_back({field, "invalid", "An object with contact_id, email or phone."});
    return recipient;
  }
  const auto& object = value.get_object();
  ReadOptionalId(object, "contact_id", recipient.contact_id, errors);
  for (const auto& [name, target] :
       {std::pair{"email", &recipient.email}, std::pair{"phone", &recipient.phone}}) {
    if (const auto* text = object.if_contains(name); text && text->is_string()) {
      if (text->get_string().size() > 254) {
        errors.push_back({field + "." + name, "too_long", "At most 254 characters."});
      } else if (!text->get_string().empty()) {
        *target = std::string(text->get_string());
      }
    }
  }
  return recipient;
}

// The body of a send or a preview. `single`: `to` is one recipient (preview).
Result<Compose> ReadCompose(const json::object& body, bool single) {
  http::FieldReader reader(body);
  Compose compose;
  std::vector<FieldError> errors;
  const auto channel = reader.Enum("channel", mail::kChannels, false, !single);
  compose.channel =
      mail::ParseChannel(channel.value.value_or("email")).value_or(mail::Channel::kEmail);
  const auto subject = reader.String("subject", {.max_length = kMaxSubjectLength});
  compose.subject = subject.value.value_or("");
  if (const auto* html = body.if_contains("body_html"); html && !html->is_null()) {
    if (!html->is_string()) {
      errors.push_back({"body_html", "invalid", "HTML text."});
    } else if (html->get_string().size() > kMaxBodyBytes) {
      errors.push_back({"body_html", "too_long", "At most 200,000 bytes."});
    } else {
      compose.body_html = std::string(html->get_string());
    }
  }
  for (const auto& error : reader.errors()) errors.push_back(error);
  ReadOptionalId(body, "template_id", compose.template_id, errors);
  ReadOptionalId(body, "order_id", compose.order_id, errors);
  if (const auto* to = body.if_contains("to"); to && !to->is_null()) {
    if (single) {
      compose.to.push_back(ReadRecipient(*to, "to", errors));
    } else if (!to->is_array()) {
      errors.push_back({"to", "invalid", "A list of recipients."});
    } else if (to->get_array().size() > kMaxRecipients) {
      errors.push_back({"to", "too_many", "At most 20 recipients."});
    } else {
      const auto& list = to->get_array();
      for (size_t i = 0; i < list.size(); ++i) {
        compose.to.push_back(ReadRecipient(list[i], "to[" + std::to_string(i) + "]", errors));
      }
    }
  }
  if (const auto* ids = body.if_contains("attachment_ids"); ids && !ids->is_null()) {
    if (!ids->is_array() || ids->get_array().size() > kMaxAttachments) {
      errors.push_back({"attachment_ids", "invalid", "A list of at most 10 ids."});
    } else {
      const auto& list = ids->get_array();
      for (size_t i = 0; i < list.size(); ++i) {
        const auto id = IdValue(list[i]);
        if (!id) {
          errors.push_back({"attachment_ids[" + std::to_string(i) + "]", "invalid", "An id."});
        } else {
          compose.attachment_ids.push_back(*id);
        }
      }
    }
  }
  if (!errors.empty()) return ValidationError(std::move(errors));
  return compose;
}

Result<TemplateInput> ReadTemplate(const json::object& body, bool create) {
  http::FieldReader reader(body);
  TemplateInput input;
  const auto name =
      reader.String("name", {.max_length = 100, .required = create, .nullable = false});
  const auto channel = reader.Enum("channel", mail::kChannels, false, create);
  static constexpr std::array<std::string_view, 2> kLanguages = {"es", "en"};
  const auto language = reader.Enum("language", kLanguages, false, create);
  const auto subject = reader.String("subject", {.max_length = kMaxSubjectLength});
  const auto body_text = reader.String(
      "body", {.max_length = kMaxTemplateBodyLength, .required = create, .nullable = false});
  const auto provider = reader.String("provider_template_name", {.max_length = 512});
  if (!reader.ok()) return ValidationError(reader.errors());
  input.name = name.value;
  if (channel.value) input.channel = mail::ParseChannel(*channel.value);
  if (language.value) input.language = ParseLanguage(*language.value);
  if (subject.present) input.subject = subject.value;
  if (body_text.value) input.body = body_text.value;
  if (provider.present) input.provider_template_name = provider.value;
  return input;
}

}  // namespace

void RegisterRoutes(http::Router& router, MessageService& messages) {
  router.Add("GET", "/api/v1/customers/{id}/messages", Access::kStaffRead,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               int64_t limit = 50;
               std::optional<std::string> cursor;
               mail::MessageFilter filter;
               std::vector<FieldError> errors;
               http::ReadPaging(request, 50, limit, cursor, errors);
               http::ReadQueryEnum(request, "status", mail::kStatuses, filter.status, errors);
               http::ReadQueryEnum(request, "channel", mail::kChannels, filter.channel, errors);
               http::ReadQueryId(request, "contact_id", filter.contact_id, errors);
               if (!errors.empty()) return ValidationError(std::move(errors));
               TRY_ASSIGN(const auto page, messages.List(id, filter, cursor, limit));
               json::array items;
               for (const auto& message : page.items) items.push_back(MessageJson(message, false));
               return http::JsonResponse(
                   200,
                   {{"items", std::move(items)},
                    {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : nullptr}});
             });

  router.Add("POST", "/api/v1/customers/{id}/messages", Access::kStaffWrite,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto compose, ReadCompose(body, false));
               TRY_ASSIGN(const auto sent, messages.Send(id, compose, WriterOf(request)));
               json::array items, to;
               for (const auto& message : sent) {
                 items.push_back(MessageJson(message, false));
                 to.push_back(json::value(message.to_address));
               }
               const auto& first = sent.front();
               return http::JsonResponse(202,
                                         {{"id", std::to_string(first.id)},
                                          {"batch_id", std::to_string(first.batch_id)},
                                          {"channel", first.channel},
                                          {"status", first.status},
                                          {"to", std::move(to)},
                                          {"subject", first.subject},
                                          {"created_at", time::FormatRfc3339(first.created_at)},
                                          {"messages", std::move(items)}});
             });

  router.Add("POST", "/api/v1/customers/{id}/messages/preview", Access::kStaffWrite,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto compose, ReadCompose(body, true));
               TRY_ASSIGN(const auto rendered, messages.Preview(id, compose, WriterOf(request)));
               return http::JsonResponse(200, RenderedJson(rendered));
             });

  router.Add(
      "POST", "/api/v1/customers/{id}/message-attachments", Access::kStaffWrite,
      [&messages](Request& request) -> Result<Response> {
        TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
        TRY_ASSIGN(const auto boundary,
                   http::MultipartBoundary(request.Header("content-type").value_or("")));
        TRY_ASSIGN(const auto parts, http::ParseMultipart(request.body, boundary));
        const http::MultipartPart* file = nullptr;
        for (const auto& part : parts) {
          if (part.name != "file") continue;
          if (file) return ValidationError({{"file", "too_many", "Send one file per request."}});
          file = &part;
        }
        if (!file) return ValidationError({{"file", "required", "Send a `file` part."}});
        TRY_ASSIGN(
            const auto stored,
            messages.Upload(id, file->content, file->filename.value_or(""), WriterOf(request)));
        return http::JsonResponse(201, {{"id", std::to_string(stored.id)},
                                        {"name", stored.name},
                                        {"size", stored.size},
                                        {"content_type", stored.content_type}});
      },
      http::RouteOptions{.max_body_bytes = history::kMaxUploadBodyBytes,
                         .body_timeout = std::chrono::seconds(300)});

  router.Add("GET", "/api/v1/customers/{id}/whatsapp-link", Access::kStaffRead,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "customer"));
               std::optional<int64_t> contact_id, template_id;
               std::vector<FieldError> errors;
               http::ReadQueryId(request, "contact_id", contact_id, errors);
               http::ReadQueryId(request, "template_id", template_id, errors);
               std::optional<std::string> text;
               if (const auto value = request.QueryValue("text"); value && !value->empty()) {
                 if (value->size() > 4096) {
                   errors.push_back({"text", "too_long", "At most 4096 bytes."});
                 } else {
                   text = std::string(*value);
                 }
               }
               if (!errors.empty()) return ValidationError(std::move(errors));
               TRY_ASSIGN(const auto link,
                          messages.Link(id, contact_id, text, template_id, WriterOf(request)));
               return http::JsonResponse(200, {{"url", link.url}, {"phone", link.phone}});
             });

  router.Add("GET", "/api/v1/messages/{id}", Access::kStaffRead,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "message"));
               TRY_ASSIGN(const auto message, messages.Get(id));
               return http::JsonResponse(200, MessageJson(message, true));
             });

  router.Add("POST", "/api/v1/messages/{id}/retry", Access::kStaffWrite,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "message"));
               TRY_ASSIGN(const auto message, messages.Retry(id));
               return http::JsonResponse(202, MessageJson(message, false));
             });

  router.Add(
      "GET", "/api/v1/message-templates", Access::kStaffRead,
      [&messages](Request& request) -> Result<Response> {
        std::optional<std::string> channel, language;
        std::vector<FieldError> errors;
        static constexpr std::array<std::string_view, 2> kLanguages = {"es", "en"};
        http::ReadQueryEnum(request, "channel", mail::kChannels, channel, errors);
        http::ReadQueryEnum(request, "language", kLanguages, language, errors);
        if (!errors.empty()) return ValidationError(std::move(errors));
        json::array items;
        for (const auto& item :
             messages.Templates(channel ? mail::ParseChannel(*channel) : std::nullopt,
                                language ? ParseLanguage(*language) : std::nullopt)) {
          items.push_back(TemplateJson(item));
        }
        return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
      });

  router.Add("POST", "/api/v1/message-templates", Access::kStaffAdmin,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               TRY_ASSIGN(const auto input, ReadTemplate(body, true));
               TRY_ASSIGN(const auto created, messages.CreateTemplate(input));
               return TemplateResponse(201, created);
             });

  router.Add("GET", "/api/v1/message-templates/placeholders", Access::kStaffRead,
             [](Request&) -> Result<Response> {
               json::array items;
               for (const auto& placeholder : kPlaceholders) {
                 items.push_back({{"name", placeholder.name}, {"group", placeholder.group}});
               }
               return http::JsonResponse(200, {{"items", std::move(items)}});
             });

  router.Add("GET", "/api/v1/message-templates/{id}", Access::kStaffRead,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "template"));
               TRY_ASSIGN(const auto item, messages.Template(id));
               return TemplateResponse(200, item);
             });

  router.Add("PATCH", "/api/v1/message-templates/{id}", Access::kStaffAdmin,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "template"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               http::FieldReader reader(body);
               const auto version = reader.Integer("version", 1, INT64_MAX, true);
               if (!reader.ok()) return ValidationError(reader.errors());
               TRY_ASSIGN(const auto input, ReadTemplate(body, false));
               TRY_ASSIGN(const auto updated,
                          messages.UpdateTemplate(id, input,
                                                  http::ExpectedVersion(request, version.value)));
               return TemplateResponse(200, updated);
             });

  router.Add("DELETE", "/api/v1/message-templates/{id}", Access::kStaffAdmin,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "template"));
               TRY(messages.DeleteTemplate(id));
               Response response = http::NoContent();
               return response;
             });

  router.Add("POST", "/api/v1/message-templates/{id}/render", Access::kStaffWrite,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t id, http::PathId(request, "template"));
               TRY_ASSIGN(const auto body, http::ParseJsonObject(request.body));
               std::optional<int64_t> customer_id, contact_id, order_id;
               std::vector<FieldError> errors;
               ReadOptionalId(body, "customer_id", customer_id, errors);
               ReadOptionalId(body, "contact_id", contact_id, errors);
               ReadOptionalId(body, "order_id", order_id, errors);
               if (!customer_id && errors.empty()) {
                 errors.push_back({"customer_id", "required", "The customer to render for."});
               }
               if (!errors.empty()) return ValidationError(std::move(errors));
               TRY_ASSIGN(const auto rendered,
                          messages.RenderTemplate(id, *customer_id, contact_id, order_id,
                                                  WriterOf(request)));
               return http::JsonResponse(200, RenderedJson(rendered));
             });

  router.Add("GET", "/api/v1/webhooks/whatsapp", Access::kPublic,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(
                   const auto challenge,
                   messages.VerifyWebhook(request.QueryValue("hub.mode").value_or(""),
                                          request.QueryValue("hub.verify_token").value_or(""),
                                          request.QueryValue("hub.challenge").value_or("")));
               Response response;
               response.content_type = "text/plain; charset=utf-8";
               response.body = challenge;
               return response;
             });

  router.Add("POST", "/api/v1/webhooks/whatsapp", Access::kPublic,
             [&messages](Request& request) -> Result<Response> {
               TRY_ASSIGN(const int64_t changed,
                          messages.ApplyWebhook(
                              request.body, request.Header("x-hub-signature-256").value_or("")));
               return http::JsonResponse(200, {{"updated", changed}});
             });
}

}  // namespace cartera::messaging
