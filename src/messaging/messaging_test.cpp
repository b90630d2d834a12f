// The pure parts of messaging: the HTML sanitiser, phone numbers, placeholders.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "messaging/html_sanitizer.hpp"
#include "messaging/phone.hpp"
#include "messaging/placeholders.hpp"

namespace cartera::messaging {
namespace {

TEST(Sanitize, KeepsTheAllowListAndDropsEverythingActive) {
  const auto out = Sanitize(
      "<p>Hola <b>Ana</b> <i>y</i> <u>equipo</u></p><ul><li>uno</li><li>dos</li></ul>"
      "<script>alert(1)</script><img src=x onerror=alert(1)>"
      "<a href=\"javascript:alert(1)\">malo</a> <a href=\" JaVa\tScRiPt:alert(1)\">x</a>"
      "<a href=\"https://ok.example/a?b=1&c=2\" onmouseover=\"x()\">bueno</a>"
      "<svg onload=alert(1)><circle/></svg><iframe src=\"https://evil\"></iframe>"
      "<p style=\"color:red\" onclick=\"x()\">estilo</p><style>p{}</style><math><mi>x</mi></math>"
      "<blockquote>cita</blockquote><div>div <span>texto</span></div>");
  for (const std::string_view bad :
       {"script", "onerror", "onload", "onclick", "javascript", "JaVa", "svg", "iframe", "style",
        "img", "math", "<span", "onmouseover", "alert"}) {
    EXPECT_EQ(out.html.find(bad), std::string::npos) << bad << " in " << out.html;
  }
  EXPECT_NE(out.html.find("<p>Hola <b>Ana</b> <i>y</i> <u>equipo</u></p>"), std::string::npos)
      << out.html;
  EXPECT_NE(out.html.find("<ul><li>uno</li><li>dos</li></ul>"), std::string::npos);
  EXPECT_NE(out.html.find("<a href=\"https://ok.example/a?b=1&amp;c=2\">bueno</a>"),
            std::string::npos)
      << out.html;
  EXPECT_NE(out.html.find("<a>malo</a>"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("<blockquote>cita</blockquote>"), std::string::npos);
  EXPECT_NE(out.html.find("div texto"), std::string::npos) << out.html;
  EXPECT_NE(out.text.find("Hola Ana y equipo"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("- uno\n- dos"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("bueno (https://ok.example/a?b=1&c=2)"), std::string::npos) << out.text;
}

TEST(Sanitize, EscapesTextAndSurvivesBrokenMarkup) {
  const auto out = Sanitize("1 < 2 &amp; \"q\" <p>sin cerrar <b>negrita");
  EXPECT_EQ(out.html, "1 &lt; 2 &amp; &quot;q&quot; <p>sin cerrar <b>negrita</b></p>");
  EXPECT_EQ(out.text, "1 < 2 & \"q\"\n\nsin cerrar negrita");
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<b>";
  EXPECT_NO_THROW(Sanitize(deep + "x"));
  EXPECT_EQ(Sanitize("").html, "");
}

TEST(Phone, NormalisesWithTheCountry) {
  EXPECT_EQ(ToE164("612 34 56 78", "ES"), "+34612345678");
  EXPECT_EQ(ToE164("+34 612-34-56-78", "MX"), "+34612345678");
  EXPECT_EQ(ToE164("0034612345678", "MX"), "+34612345678");
  EXPECT_EQ(ToE164("55 1234 5678", "MX"), "+525512345678");
  EXPECT_EQ(ToE164("12", "ES"), std::nullopt);
  EXPECT_EQ(ToE164("hola", "ES"), std::nullopt);
  EXPECT_EQ(ToE164("612345678", "XX"), std::nullopt);  // no country, no +: unknown
  EXPECT_TRUE(IsKnownCountry("ES"));
  EXPECT_FALSE(IsKnownCountry("XX"));
  EXPECT_FALSE(IsKnownCountry("es"));
}

TEST(Placeholders, InOrderKnownAvailableAndFilled) {
  const std::string text =
      "Hola {{contact.first_name}}, pedido {{ order.number }} de "
      "{{customer.name}} y {{contact.first_name}} {{nope.x}} {{#s}}";
  EXPECT_EQ(PlaceholdersOf(text), (std::vector<std::string>{"contact.first_name", "order.number",
                                                            "customer.name", "nope.x", "#s"}));
  std::vector<FieldError> errors;
  CheckKnown(text, "body", errors);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].code, "unknown_placeholder");
  EXPECT_NE(errors[0].message.find("nope.x"), std::string::npos);
  const auto values = boost::json::parse(
                          R"({"contact":{"first_name":"Ana <b>"},"customer":{"name":"ACME"},
                              "order":null})")
                          .as_object();
  errors.clear();
  CheckAvailable(text, values, "body", errors);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].code, "unavailable_placeholder");
  EXPECT_NE(errors[0].message.find("order.number"), std::string::npos);
  EXPECT_EQ(Fill("A {{contact.first_name}} de {{customer.name}}.", values, Output::kHtml),
            "A Ana &lt;b&gt; de ACME.");
  EXPECT_EQ(Fill("A {{contact.first_name}}", values, Output::kText), "A Ana <b>");
}

}  // namespace
}  // namespace cartera::messaging

namespace cartera::messaging {
namespace {

TEST(FormatMoney, AsEachLanguageWritesIt) {
  EXPECT_EQ(FormatMoney(123450, "EUR", "es"), "1.234,50 €");
  EXPECT_EQ(FormatMoney(123450, "EUR", "en"), "€1,234.50");
  EXPECT_EQ(FormatMoney(876, "EUR", "es"), "8,76 €");
  EXPECT_EQ(FormatMoney(-5, "USD", "en"), "-$0.05");
  EXPECT_EQ(FormatMoney(1234567, "CHF", "en"), "CHF 12,345.67");
  EXPECT_EQ(FormatMoney(1500, "JPY", "es"), "1.500 JPY");
}

}  // namespace
}  // namespace cartera::messaging
