#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// A small subset of Mustache for mail templates, the placeholder syntax API.md uses for message
// templates ({{customer.name}}):
//   {{a.b}}               the value at a.b, escaped for the output (HTML-escaped in HTML)
//   {{{a.b}}}             the value as it is (for a part rendered by us, such as a layout body)
//   {{#a}}…{{/a}}         once when a is a non-empty string, a number, true or an object (which
//                         then also resolves names inside), once per item when a is an array;
//                         never when a is missing, null, false, "" or []
//   {{^a}}…{{/a}}         only when the section above would not be rendered
//   {{.}}                 the current item (inside an array section of plain values)
// A name is looked up in the innermost section's item first, then outwards. A missing value
// renders as nothing. Numbers render in their shortest form (3, 12.5).
namespace cartera::mail {

enum class Escape { kNone, kHtml };

// Thrown by Template::Parse for text that is not a well-formed template (our own files: a bug).
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Template {
 public:
  // Parses `text`. Throws TemplateError for an unclosed or mismatched section or tag.
  static Template Parse(std::string_view text);

  // Renders with `values`; {{…}} values are escaped as `escape` says.
  std::string Render(const boost::json::object& values, Escape escape) const;

  struct Node;

 private:
  std::shared_ptr<const std::vector<Node>> nodes_;
};

// `text` with &, <, >, " and ' replaced by entities.
std::string HtmlEscape(std::string_view text);

}  // namespace cartera::mail
