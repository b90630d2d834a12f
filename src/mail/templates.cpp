#include "mail/templates.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "mail/template_engine.hpp"

namespace cartera::mail {
namespace {

namespace json = boost::json;

struct MailTemplate {
  Template subject, text, html;
};

struct Language {
  Template footer;
  std::map<std::string, MailTemplate, std::less<>> templates;
};

// Every template of every language, parsed once from the embedded files. A file that does not
// parse, or a language that lacks a template, is a bug in our files: it throws at first use,
// and the unit tests render every template in every language.
struct Catalog {
  Template layout_html, layout_text;
  std::map<std::string, Language, std::less<>> languages;
};

std::string_view FileText(std::string_view name) {
  for (const auto& file : embedded::MailTemplates()) {
    if (file.name == name) return file.text;
  }
  throw std::logic_error("mail template file missing: " + std::string(name));
}

std::string_view Member(const json::object& object, std::string_view key, std::string_view where) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) {
    throw std::logic_error("mail templates: " + std::string(where) + " lacks " + std::string(key));
  }
  return value->get_string();
}

Catalog Load() {
  Catalog catalog;
  catalog.layout_html = Template::Parse(FileText("layout.html"));
  catalog.layout_text = Template::Parse(FileText("layout.txt"));
  for (const std::string_view code : kLanguages) {
    const std::string file = std::string(code) + ".json";
    const json::value document = json::parse(FileText(file));
    const json::object& root = document.as_object();
    Language language;
    language.footer = Template::Parse(Member(root, "footer", file));
    const json::object& templates = root.at("templates").as_object();
    for (const std::string_view name : kTemplateNames) {
      const auto* entry = templates.if_contains(name);
      if (!entry || !entry->is_object()) {
        throw std::logic_error("mail templates: " + file + " lacks " + std::string(name));
      }
      const json::object& fields = entry->get_object();
      const std::string where = file + " " + std::string(name);
      language.templates.emplace(std::string(name),
                                 MailTemplate{Template::Parse(Member(fields, "subject", where)),
                                              Template::Parse(Member(fields, "text", where)),
                                              Template::Parse(Member(fields, "html", where))});
    }
    catalog.languages.emplace(std::string(code), std::move(language));
  }
  return catalog;
}

const Catalog& TheCatalog() {
  static const Catalog catalog = Load();
  return catalog;
}

// One line: line breaks and tabs become spaces, runs of spaces one, no spaces at the ends.
std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const char mapped = (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
    if (mapped == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += mapped;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// `text` without trailing line breaks and spaces: the layout puts the blank line before the
// footer.
std::string TrimEnd(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string_view NormaliseLanguage(std::string_view language) {
  const std::string_view primary = language.substr(0, language.find_first_of("-_"));
  for (const std::string_view code : kLanguages) {
    if (primary.size() == code.size() &&
        std::equal(primary.begin(), primary.end(), code.begin(),
                   [](char a, char b) { return (a | 0x20) == b; })) {
      return code;
    }
  }
  return kLanguages[0];
}

RenderedMail Render(std::string_view name, std::string_view language, const json::object& values) {
  const Catalog& catalog = TheCatalog();
  const std::string_view code = NormaliseLanguage(language);
  const Language& strings = catalog.languages.find(code)->second;
  const auto found = strings.templates.find(name);
  if (found == strings.templates.end()) {
    throw std::invalid_argument("unknown mail template: " + std::string(name));
  }
  const MailTemplate& mail = found->second;
  RenderedMail rendered;
  rendered.subject = OneLine(mail.subject.Render(values, Escape::kNone));
  const std::string footer = OneLine(strings.footer.Render(values, Escape::kNone));
  // The layouts take the parts already rendered (and escaped, for HTML) as raw {{{content}}}.
  json::object layout = {{"lang", code},
                         {"subject", rendered.subject},
                         {"footer", footer},
                         {"content", TrimEnd(mail.text.Render(values, Escape::kNone))}};
  if (const auto* store = values.if_contains("store")) layout["store"] = *store;
  rendered.text = catalog.layout_text.Render(layout, Escape::kNone);
  layout["content"] = mail.html.Render(values, Escape::kHtml);
  rendered.html = catalog.layout_html.Render(layout, Escape::kHtml);
  return rendered;
}

}  // namespace cartera::mail
