// The demo's message templates (docs/messaging.md): what a merchant sends every week, in
// Spanish and English, for email and WhatsApp.
#include "messaging/message_service.hpp"

namespace cartera::messaging {
namespace {

struct Sample {
  std::string_view name;
  mail::Channel channel;
  Language language;
  std::string_view subject;
  std::string_view body;
  std::string_view provider_template_name;
};

constexpr mail::Channel kEmail = mail::Channel::kEmail;
constexpr mail::Channel kWhatsApp = mail::Channel::kWhatsApp;

constexpr Sample kSamples[] = {
    {"Pedido confirmado", kEmail, Language::kEs, "Tu pedido {{order.number}} está confirmado",
     "<p>Hola {{contact.first_name}}:</p><p>Hemos confirmado tu pedido <b>{{order.number}}</b> "
     "por un total de <b>{{order.total}}</b>. Te avisaremos en cuanto salga de nuestro "
     "almacén.</p><p>Gracias por confiar en {{store.name}}.</p><p>{{staff.name}}</p>",
     ""},
    {"Order confirmed", kEmail, Language::kEn, "Your order {{order.number}} is confirmed",
     "<p>Hello {{contact.first_name}},</p><p>We have confirmed your order "
     "<b>{{order.number}}</b> for a total of <b>{{order.total}}</b>. We will let you know as soon "
     "as it leaves our warehouse.</p><p>Thank you for choosing {{store.name}}.</p>"
     "<p>{{staff.name}}</p>",
     ""},
    {"Pedido enviado", kEmail, Language::kEs, "Tu pedido {{order.number}} va de camino",
     "<p>Hola {{contact.first_name}}:</p><p>Tu pedido <b>{{order.number}}</b> ha salido hoy. "
     "Si necesitas cualquier cosa, responde a este correo.</p><p>Un saludo,<br>"
     "{{staff.name}} · {{store.name}}</p>",
     ""},
    {"Order shipped", kEmail, Language::kEn, "Your order {{order.number}} is on its way",
     "<p>Hello {{contact.first_name}},</p><p>Your order <b>{{order.number}}</b> left our "
     "warehouse today. If you need anything, just reply to this email.</p><p>Best regards,<br>"
     "{{staff.name}} · {{store.name}}</p>",
     ""},
    {"Recordatorio de pago", kEmail, Language::kEs,
     "Recordatorio: saldo vencido de {{customer.name}}",
     "<p>Hola {{contact.first_name}}:</p><p>Según nuestros registros, {{customer.name}} tiene "
     "un saldo vencido de <b>{{customer.overdue_balance}}</b>. Te agradeceríamos que lo "
     "regularizaras en los próximos días.</p><p>Si ya lo has pagado, ignora este mensaje.</p>"
     "<p>{{staff.name}} · {{store.name}}</p>",
     ""},
    {"Payment reminder", kEmail, Language::kEn, "Reminder: overdue balance for {{customer.name}}",
     "<p>Hello {{contact.first_name}},</p><p>Our records show an overdue balance of "
     "<b>{{customer.overdue_balance}}</b> for {{customer.name}}. We would be grateful if you "
     "could settle it in the next few days.</p><p>If you have already paid, please ignore this "
     "message.</p><p>{{staff.name}} · {{store.name}}</p>",
     ""},
    {"Bienvenida con pedido rápido", kEmail, Language::kEs, "Bienvenido a {{store.name}}",
     "<p>Hola {{contact.first_name}}:</p><p>Ya puedes hacer tus pedidos en {{store.name}} sin "
     "contraseña, desde tu enlace personal:</p><p>{{quick_link.url}}</p><p>Guárdalo en "
     "favoritos: verás nuestro catálogo con tus precios.</p><p>{{staff.name}}</p>",
     ""},
    {"Welcome with quick order", kEmail, Language::kEn, "Welcome to {{store.name}}",
     "<p>Hello {{contact.first_name}},</p><p>You can now order from {{store.name}} without a "
     "password, from your personal link:</p><p>{{quick_link.url}}</p><p>Bookmark it: you will "
     "see our catalogue at your prices.</p><p>{{staff.name}}</p>",
     ""},
    {"Nuevo catálogo", kEmail, Language::kEs, "Nuevo catálogo de {{store.name}}",
     "<p>Hola {{contact.first_name}}:</p><p>Acabamos de publicar el nuevo catálogo de "
     "temporada. Te lo adjuntamos con las novedades destacadas:</p><ul><li>Referencias "
     "nuevas</li><li>Precios actualizados</li><li>Condiciones para {{customer.name}}</li></ul>"
     "<p>{{staff.name}} · {{store.name}}</p>",
     ""},
    {"New catalogue", kEmail, Language::kEn, "New catalogue from {{store.name}}",
     "<p>Hello {{contact.first_name}},</p><p>We have just published our new season's "
     "catalogue. Attached you will find the highlights:</p><ul><li>New products</li><li>Updated "
     "prices</li><li>Terms for {{customer.name}}</li></ul><p>{{staff.name}} · {{store.name}}</p>",
     ""},
    {"Pedido enviado (WhatsApp)", kWhatsApp, Language::kEs, "",
     "Hola {{contact.first_name}}, tu pedido {{order.number}} de {{store.name}} ha salido hoy.",
     "pedido_enviado"},
    {"Order shipped (WhatsApp)", kWhatsApp, Language::kEn, "",
     "Hello {{contact.first_name}}, your order {{order.number}} from {{store.name}} left today.",
     "order_shipped"},
    {"Recordatorio de pago (WhatsApp)", kWhatsApp, Language::kEs, "",
     "Hola {{contact.first_name}}, {{customer.name}} tiene un saldo vencido de "
     "{{customer.overdue_balance}}. Gracias, {{store.name}}.",
     "recordatorio_pago"},
};

}  // namespace

void MessageService::SeedTemplates() {
  const auto status = database_.InTransaction([&](storage::Connection& connection) -> Status {
    if (templates_.Count(connection) > 0) return Ok{};
    for (const Sample& sample : kSamples) {
      MessageTemplate item;
      item.name = sample.name;
      item.channel = sample.channel;
      item.language = sample.language;
      if (!sample.subject.empty()) item.subject = std::string(sample.subject);
      item.body = sample.body;
      if (!sample.provider_template_name.empty()) {
        item.provider_template_name = std::string(sample.provider_template_name);
      }
      templates_.Save(connection, item, time::Now());
    }
    return Ok{};
  });
  (void)status;
}

}  // namespace cartera::messaging
