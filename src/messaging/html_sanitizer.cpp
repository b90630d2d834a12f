#include "messaging/html_sanitizer.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "mail/template_engine.hpp"

namespace cartera::messaging {
namespace {

constexpr std::array<GumboTag, 12> kAllowed = {
    GUMBO_TAG_P, GUMBO_TAG_BR, GUMBO_TAG_B,  GUMBO_TAG_STRONG, GUMBO_TAG_I, GUMBO_TAG_EM,
    GUMBO_TAG_U, GUMBO_TAG_UL, GUMBO_TAG_OL, GUMBO_TAG_LI,     GUMBO_TAG_A, GUMBO_TAG_BLOCKQUOTE};

// Dropped with everything inside: code, styles, embedded documents and what is never shown.
constexpr std::array<GumboTag, 14> kDropped = {
    GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_IFRAME, GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED,
    GUMBO_TAG_TEMPLATE, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_SVG,    GUMBO_TAG_MATH,   GUMBO_TAG_HEAD,
    GUMBO_TAG_TITLE,    GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT, GUMBO_TAG_NOEMBED};

template <size_t N>
bool In(const std::array<GumboTag, N>& tags, GumboTag tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

bool IsBlock(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_LI ||
         tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_H1 ||
         tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_TR ||
         tag == GUMBO_TAG_TABLE;
}

// An href we keep: http, https or mailto, judged on the value with control characters and
// spaces removed and letters lowered, as browsers read "java\tscript:" or " JAVASCRIPT:".
bool IsSafeHref(std::string_view href) {
  std::string compact;
  for (const char c : href) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20) continue;
    compact.push_back(static_cast<char>(std::tolower(u)));
  }
  return compact.starts_with("http://") || compact.starts_with("https://") ||
         compact.starts_with("mailto:");
}

class Writer {
 public:
  void Node(const GumboNode* node, int depth) {
    if (depth > 64) return;  // deeper nesting than any email needs: its content is dropped
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        Text(node->v.text.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        Element(node, depth);
        return;
      default:
        return;  // comments, the document
    }
  }

  SanitizedHtml Result() {
    SanitizedHtml out{std::move(html_), std::string()};
    // Trim blank lines at both ends and collapse runs of more than one empty line.
    std::string text;
    int newlines = 0;
    for (const char c : text_) {
      if (c == '\n') {
        ++newlines;
        continue;
      }
      if (!text.empty() && newlines > 0) text.append(std::min(newlines, 2), '\n');
      newlines = 0;
      text.push_back(c);
    }
    out.text = std::move(text);
    return out;
  }

 private:
  void Children(const GumboNode* node, int depth) {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Node(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }

  void Element(const GumboNode* node, int depth) {
    const GumboTag tag = node->v.element.tag;
    if (In(kDropped, tag)) return;
    if (!In(kAllowed, tag)) {
      if (IsBlock(tag)) Break(1);
      Children(node, depth);
      if (IsBlock(tag)) Break(1);
      return;
    }
    const std::string name = gumbo_normalized_tagname(tag);
    std::string href;
    if (tag == GUMBO_TAG_A) {
      if (const GumboAttribute* attribute =
              gumbo_get_attribute(&node->v.element.attributes, "href");
          attribute && IsSafeHref(attribute->value)) {
        href = attribute->value;
      }
    }
    if (tag == GUMBO_TAG_BR) {
      html_ += "<br>";
      text_ += "\n";
      return;
    }
    if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_UL ||
        tag == GUMBO_TAG_OL) {
      Break(2);
    }
    if (tag == GUMBO_TAG_LI) {
      Break(1);
      text_ += "- ";
    }
    html_ += "<" + name;
    if (!href.empty()) html_ += " href=\"" + mail::HtmlEscape(href) + "\"";
    html_ += ">";
    const size_t text_before = text_.size();
    Children(node, depth);
    html_ += "</" + name + ">";
    if (!href.empty()) {
      const std::string shown = text_.substr(text_before);
      const std::string target = href.starts_with("mailto:") ? href.substr(7) : href;
      if (shown != target) text_ += " (" + target + ")";
    }
    if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_UL ||
        tag == GUMBO_TAG_OL) {
      Break(2);
    }
    if (tag == GUMBO_TAG_LI) Break(1);
  }

  void Text(std::string_view text) {
    html_ += mail::HtmlEscape(text);
    // White space collapses as a browser shows it.
    for (const char c : text) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space) {
        if (!text_.empty() && text_.back() != ' ' && text_.back() != '\n') text_.push_back(' ');
      } else {
        text_.push_back(c);
      }
    }
  }

  void Break(int lines) {
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    int have = 0;
    for (auto it = text_.rbegin(); it != text_.rend() && *it == '\n'; ++it) ++have;
    if (text_.empty()) return;
    for (; have < lines; ++have) text_.push_back('\n');
  }

  std::string html_;
  std::string text_;
};

}  // namespace

SanitizedHtml Sanitize(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_BODY;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Writer writer;
  const GumboNode* root = output->root;
  // A fragment parsed in the context of <body> has the <html> element as root; its children
  // are the fragment's nodes.
  const GumboVector& children = root->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    writer.Node(static_cast<const GumboNode*>(children.data[i]), 0);
  }
  gumbo_destroy_output(&options, output);
  SanitizedHtml result = writer.Result();
  while (!result.text.empty() && (result.text.back() == '\n' || result.text.back() == ' ')) {
    result.text.pop_back();
  }
  return result;
}

}  // namespace cartera::messaging
