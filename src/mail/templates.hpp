#pragma once

#include <boost/json/object.hpp>

#include <array>
#include <string>
#include <string_view>

#include "common/embedded.hpp"

namespace cartera::embedded {
// The mail templates (src/mail/templates: es.json, en.json, layout.html, layout.txt).
const std::vector<File>& MailTemplates();
}  // namespace cartera::embedded

// The automatic emails (F27) in each language, from the files in src/mail/templates compiled
// into the binary: a subject, a plain-text body and an HTML body per template, wrapped in a
// common layout with the store's name in the footer.
namespace cartera::mail {

inline constexpr std::array<std::string_view, 7> kTemplateNames = {
    "contact_invitation", "registration_alert", "account_validated", "password_reset",
    "order_received",     "order_status",       "smtp_test"};
inline constexpr std::array<std::string_view, 2> kLanguages = {"es", "en"};

// "es" or "en" (a region is ignored: "en-GB" -> "en"); anything else -> "es".
std::string_view NormaliseLanguage(std::string_view language);

struct RenderedMail {
  std::string subject;  // one line
  std::string text;     // plain text, "\n" line ends
  std::string html;     // a whole HTML document
};

// Renders template `name` in `language` (normalised) with `values` (placeholders; values are
// HTML-escaped in the HTML part). `values.store.name` should hold the store's name.
// Throws std::invalid_argument for an unknown template name.
RenderedMail Render(std::string_view name, std::string_view language,
                    const boost::json::object& values);

}  // namespace cartera::mail
