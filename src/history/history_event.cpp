#include "history/history_event.hpp"

#include <boost/json/serialize.hpp>

namespace cartera::history {
namespace {

namespace json = boost::json;

std::string TextOf(const json::object& data, std::string_view key) {
  const auto* value = data.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// A change value as a person reads it in a sentence: text bare, others as JSON, null as "—".
std::string Shown(const json::value* value) {
  if (!value || value->is_null()) return "—";
  if (value->is_string()) return std::string(value->as_string());
  return json::serialize(*value);
}

json::array Changes(const Event& event) {
  if (const auto* changes = event.data.if_contains("changes"); changes && changes->is_array()) {
    return changes->as_array();
  }
  // Order status changes record {from, to} of the status.
  if (event.type == "order_status_changed" && event.data.contains("to")) {
    const auto* from = event.data.if_contains("from");
    return json::array{json::object{{"field", "status"},
                                    {"from", from ? *from : json::value(nullptr)},
                                    {"to", event.data.at("to")}}};
  }
  return {};
}

std::string FieldList(const json::array& changes) {
  std::string fields;
  for (const auto& change : changes) {
    if (!change.is_object()) continue;
    const std::string field = TextOf(change.as_object(), "field");
    if (field.empty()) continue;
    if (!fields.empty()) fields += ", ";
    fields += field;
  }
  return fields;
}

std::string OrderLabel(const Event& event) {
  const bool quote =
      event.order_kind ? *event.order_kind == "quote" : TextOf(event.data, "kind") == "quote";
  std::string number = event.order_number.value_or(TextOf(event.data, "number"));
  if (number.empty() && event.order_id) number = "#" + std::to_string(*event.order_id);
  return std::string(quote ? "Quote " : "Order ") + number;
}

}  // namespace

std::string Summary(const Event& event) {
  const std::string& type = event.type;
  const json::array changes = Changes(event);
  if (type == "order_placed") {
    const bool quote =
        event.order_kind ? *event.order_kind == "quote" : TextOf(event.data, "kind") == "quote";
    return OrderLabel(event) + (quote ? " requested" : " placed");
  }
  if (type == "order_status_changed") {
    return OrderLabel(event) + " status: " + Shown(event.data.if_contains("from")) + " → " +
           Shown(event.data.if_contains("to"));
  }
  if (type == "order_approved") return OrderLabel(event) + " approved";
  if (type == "quote_converted") {
    return OrderLabel(event) + " converted to order " + TextOf(event.data, "order_number");
  }
  if (type == "order_updated") return OrderLabel(event) + " updated: " + FieldList(changes);
  if (type == "note_added") {
    const std::string priority = TextOf(event.data, "priority");
    return priority.empty() || priority == "none" ? "Note added"
                                                  : "Note added (" + priority + " priority)";
  }
  if (type == "note_updated") return "Note edited";
  if (type == "note_deleted") return "Note deleted";
  if (type == "customer_created") return "Customer created";
  if (type == "customer_updated") {
    const auto* bulk = event.data.if_contains("bulk");
    return "Changed " + FieldList(changes) +
           (bulk && bulk->is_bool() && bulk->as_bool() ? " (bulk action)" : "");
  }
  if (type == "customer_status_changed" && changes.size() == 1 && changes[0].is_object()) {
    const auto& change = changes[0].as_object();
    return "Changed " + TextOf(change, "field") + ": " + Shown(change.if_contains("from")) + " → " +
           Shown(change.if_contains("to"));
  }
  if (type == "customer_status_changed") return "Changed " + FieldList(changes);
  if (type == "address_added" || type == "address_updated" || type == "address_deleted") {
    const std::string label = TextOf(event.data, "label");
    const std::string verb = type == "address_added"     ? "added"
                             : type == "address_updated" ? "updated"
                                                         : "deleted";
    return "Address " + verb + (label.empty() ? "" : ": " + label);
  }
  if (type == "contacts_revoked") {
    const auto* revoked = event.data.if_contains("revoked");
    return "Portal access revoked for " +
           (revoked && revoked->is_int64() ? std::to_string(revoked->as_int64()) : "all") +
           " contact(s)";
  }
  if (type.rfind("contact_", 0) == 0) {
    const std::string name = TextOf(event.data, "name");
    if (type == "contact_login") return name + " signed in to the portal";
    if (type == "contact_login_failed") return name + " failed to sign in to the portal";
    if (type == "contact_registered") return name + " registered on the portal";
    if (type == "contact_added") return "Contact added: " + name;
    if (type == "contact_updated") return "Contact edited: " + name;
    if (type == "contact_deleted") return "Contact deleted: " + name;
    if (type == "contact_invited") return "Portal invitation sent to " + name;
    if (type == "contact_access_active") return "Portal access given to " + name;
    if (type == "contact_access_revoked") return "Portal access revoked for " + name;
  }
  if (type.starts_with("message_")) {
    const std::string what = TextOf(event.data, "channel") == "whatsapp" ? "WhatsApp" : "Email";
    const std::string to = TextOf(event.data, "to");
    const std::string subject = TextOf(event.data, "subject");
    const std::string tail = to + (subject.empty() ? "" : ": " + subject);
    if (type == "message_sent") return what + " sent to " + tail;
    if (type == "message_queued") return what + " queued for " + tail;
    if (type == "message_delivered") return what + " delivered to " + tail;
    if (type == "message_read") return what + " read by " + tail;
    if (type == "message_failed") {
      const std::string error = TextOf(event.data, "error");
      return what + " to " + tail + " failed" + (error.empty() ? "" : " (" + error + ")");
    }
  }
  if (type == "comment_added") return "Comment added";
  if (type == "attachment_added") {
    const auto* attachment = event.data.if_contains("attachment");
    const std::string name =
        attachment && attachment->is_object() ? TextOf(attachment->as_object(), "name") : "";
    return "File attached" + (name.empty() ? "" : ": " + name);
  }
  if (!changes.empty()) return "Changed " + FieldList(changes);
  std::string words = type;  // an event type this server does not describe yet
  for (char& c : words) c = c == '_' ? ' ' : c;
  if (!words.empty())
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

json::object EventJson(const Event& event) {
  json::object actor{
      {"type", event.actor_kind},
      {"id", event.actor_id ? json::value(std::to_string(*event.actor_id)) : nullptr},
      {"name", event.actor_name ? json::value(*event.actor_name) : nullptr}};
  json::value body = nullptr;
  if (const auto* text = event.data.if_contains("body"); text && text->is_string()) body = *text;
  json::value attachment = nullptr;
  if (const auto* record = event.data.if_contains("attachment"); record && record->is_object()) {
    json::object copy = record->as_object();
    const std::string id = TextOf(copy, "id");
    if (!id.empty()) copy["url"] = "/api/v1/attachments/" + id;
    attachment = std::move(copy);
  }
  json::value order = nullptr;
  if (event.order_id) {
    order =
        json::object{{"id", std::to_string(*event.order_id)},
                     {"number", event.order_number ? json::value(*event.order_number) : nullptr},
                     {"kind", event.order_kind ? json::value(*event.order_kind) : nullptr}};
  }
  return {{"id", std::to_string(event.id)},
          {"kind", event.kind},
          {"type", event.type},
          {"at", time::FormatRfc3339(event.at)},
          {"actor", std::move(actor)},
          {"summary", Summary(event)},
          {"changes", Changes(event)},
          {"body", std::move(body)},
          {"attachment", std::move(attachment)},
          {"order", std::move(order)},
          {"data", event.data}};
}

}  // namespace cartera::history
