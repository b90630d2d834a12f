// Mail templates: the placeholder engine, and every template rendering in every language.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <stdexcept>

#include "mail/template_engine.hpp"
#include "mail/templates.hpp"

namespace cartera::mail {
namespace {

namespace json = boost::json;

json::object Values(std::string_view text) { return json::parse(text).as_object(); }

TEST(TemplateEngine, PlaceholdersSectionsAndEscaping) {
  const auto values = Values(R"({"contact": {"first_name": "Ana <b>"}, "n": 3, "price": 12.5,
      "empty": "", "none": null, "lines": [{"name": "Cable & Co", "q": 2}, {"name": "Foco", "q": 1}],
      "tags": ["a", "b"], "yes": true})");
  const auto render = [&](std::string_view text, Escape escape = Escape::kNone) {
    return Template::Parse(text).Render(values, escape);
  };
  EXPECT_EQ(render("Hola {{contact.first_name}}:"), "Hola Ana <b>:");
  EXPECT_EQ(render("Hola {{ contact.first_name }}:", Escape::kHtml), "Hola Ana &lt;b&gt;:");
  EXPECT_EQ(render("{{{contact.first_name}}}", Escape::kHtml), "Ana <b>");
  EXPECT_EQ(render("{{n}} / {{price}} / {{yes}}"), "3 / 12.5 / true");
  EXPECT_EQ(render("[{{missing}}][{{contact.missing}}][{{n.deeper}}][{{none}}]"), "[][][][]");
  EXPECT_EQ(render("{{#lines}}{{q}}×{{name}};{{/lines}}", Escape::kHtml),
            "2×Cable &amp; Co;1×Foco;");
  EXPECT_EQ(render("{{#tags}}<{{.}}>{{/tags}}"), "<a><b>");
  EXPECT_EQ(render("{{#lines}}{{contact.first_name}}{{/lines}}"), "Ana <b>Ana <b>")
      << "outer names resolve inside a section";
  EXPECT_EQ(render("{{#empty}}x{{/empty}}{{^empty}}y{{/empty}}"), "y");
  EXPECT_EQ(render("{{#none}}x{{/none}}{{#missing}}x{{/missing}}{{^missing}}m{{/missing}}"), "m");
  EXPECT_EQ(render("{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!"),
            " Ana <b>!");
  EXPECT_EQ(render("{{#contact}}{{first_name}}{{/contact}}"), "Ana <b>");
  EXPECT_EQ(HtmlEscape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(TemplateEngine, MalformedTemplatesAreRefused) {
  EXPECT_THROW(Template::Parse("{{#a}}never closed"), TemplateError);
  EXPECT_THROW(Template::Parse("{{#a}}x{{/b}}"), TemplateError);
  EXPECT_THROW(Template::Parse("{{/a}}"), TemplateError);
  EXPECT_THROW(Template::Parse("{{unclosed"), TemplateError);
  EXPECT_THROW(Template::Parse("{{bad name}}"), TemplateError);
  EXPECT_NO_THROW(Template::Parse("no tags at all { } }}"));
}

TEST(MailTemplates, LanguagesFallBackToSpanish) {
  EXPECT_EQ(NormaliseLanguage("es"), "es");
  EXPECT_EQ(NormaliseLanguage("en"), "en");
  EXPECT_EQ(NormaliseLanguage("EN-gb"), "en");
  EXPECT_EQ(NormaliseLanguage("es_MX"), "es");
  EXPECT_EQ(NormaliseLanguage("fr"), "es");
  EXPECT_EQ(NormaliseLanguage(""), "es");
}

// Values such as the lead's flows pass, with characters that must be escaped in HTML.
json::object SampleValues() {
  return Values(R"({
    "store": {"name": "Ferretería Núñez & Hijos"},
    "contact": {"first_name": "Ana", "last_name": "López", "email": "ana@example.com"},
    "customer": {"name": "Bar <La Esquina>", "tax_id": "B12345678"},
    "link": "https://tienda.example.com/portal/invitation?token=abc&x=1",
    "expires_hours": 72, "expires_minutes": 60,
    "status": {"shipped": true},
    "order": {"number": "P-2026-0012", "total": "1.234,50 €", "currency": "EUR",
              "lines": [{"name": "Cable 2,5 mm", "quantity": 3, "line_total": "15,00 €"},
                        {"name": "Lámpara \"Luna\"", "quantity": 1, "line_total": "19,99 €"}]}
  })");
}

TEST(MailTemplates, EveryTemplateRendersInEveryLanguage) {
  const json::object values = SampleValues();
  for (const std::string_view language : kLanguages) {
    for (const std::string_view name : kTemplateNames) {
      SCOPED_TRACE(std::string(language) + " " + std::string(name));
      const RenderedMail mail = Render(name, language, values);
      EXPECT_FALSE(mail.subject.empty());
      EXPECT_EQ(mail.text.find("\n\n\n"), std::string::npos) << mail.text;
      EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
      for (const std::string* part : {&mail.subject, &mail.text, &mail.html}) {
        EXPECT_EQ(part->find("{{"), std::string::npos) << *part;
        EXPECT_EQ(part->find("}}"), std::string::npos) << *part;
      }
      // The store's name is in the footer of both parts; HTML-escaped in the HTML one.
      const std::string footer =
          language == "es" ? "\n\n-- \nMensaje automático de " : "\n\n-- \nAutomatic message from ";
      EXPECT_TRUE(mail.text.ends_with(footer + "Ferretería Núñez & Hijos\n")) << mail.text;
      EXPECT_NE(mail.html.find("Ferretería Núñez &amp; Hijos"), std::string::npos);
      EXPECT_EQ(mail.html.find("Núñez & Hijos"), std::string::npos) << "unescaped in HTML";
      EXPECT_NE(mail.html.find("<html lang=\"" + std::string(language) + "\">"), std::string::npos);
      EXPECT_EQ(mail.html.find("<La Esquina>"), std::string::npos) << "unescaped in HTML";
      if (name != "smtp_test" && name != "order_received") {
        EXPECT_NE(mail.text.find(values.at("link").as_string().c_str()), std::string::npos);
        EXPECT_NE(mail.html.find("href=\"https://tienda.example.com/portal/invitation?token=abc"
                                 "&amp;x=1\""),
                  std::string::npos);
      }
    }
  }
}

TEST(MailTemplates, SpanishAndEnglishWording) {
  const json::object values = SampleValues();
  const auto invitation = Render("contact_invitation", "es", values);
  EXPECT_EQ(invitation.subject, "Ferretería Núñez & Hijos te invita a hacer pedidos en su portal");
  EXPECT_EQ(invitation.text.rfind("Hola Ana:\n\n", 0), 0U) << invitation.text;
  EXPECT_NE(invitation.text.find("caduca en 72 horas"), std::string::npos);
  EXPECT_NE(invitation.text.find("Como contacto de Bar <La Esquina>, ya tienes acceso al portal "
                                 "de pedidos de Ferretería Núñez & Hijos."),
            std::string::npos)
      << invitation.text;
  EXPECT_NE(invitation.html.find("Bar &lt;La Esquina&gt;"), std::string::npos);
  EXPECT_EQ(Render("contact_invitation", "en", values).subject,
            "Ferretería Núñez & Hijos invites you to order on its portal");
  EXPECT_NE(Render("password_reset", "fr", values).text.find("caduca en 60 minutos"),
            std::string::npos)
      << "an unknown language gets Spanish";

  const auto order = Render("order_received", "es", values);
  EXPECT_EQ(order.subject, "Hemos recibido tu pedido P-2026-0012");
  EXPECT_NE(order.text.find("- 3 × Cable 2,5 mm: 15,00 €\n- 1 × Lámpara \"Luna\": 19,99 €\n"
                            "Total: 1.234,50 €"),
            std::string::npos)
      << order.text;
  EXPECT_NE(order.html.find("Lámpara &quot;Luna&quot;"), std::string::npos);

  // A shared account's order greets the buyer; without any name, just "Hola:".
  json::object buyer = values;
  buyer.erase("contact");
  buyer["buyer"] = json::object{{"name", "Marta"}};
  EXPECT_EQ(Render("order_received", "es", buyer).text.rfind("Hola Marta:", 0), 0U);
  buyer.erase("buyer");
  EXPECT_EQ(Render("order_received", "en", buyer).text.rfind("Hello,", 0), 0U);

  json::object no_tax_id = values;
  no_tax_id["customer"].as_object().erase("tax_id");
  EXPECT_EQ(Render("registration_alert", "es", no_tax_id).text.find("NIF"), std::string::npos);
  EXPECT_NE(Render("registration_alert", "es", values).text.find("NIF/CIF: B12345678"),
            std::string::npos);
}

TEST(MailTemplates, UnknownTemplateIsABug) {
  EXPECT_THROW(Render("welcome", "es", {}), std::invalid_argument);
}

}  // namespace
}  // namespace cartera::mail
