#include "mail/template_engine.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>

namespace cartera::mail {

namespace json = boost::json;

struct Template::Node {
  enum class Kind { kText, kValue, kRaw, kSection, kInverted };
  Kind kind = Kind::kText;
  std::string text;  // the literal text, or the dotted name
  std::vector<Node> children;
};

namespace {

using Node = Template::Node;

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool IsName(std::string_view name) {
  if (name == ".") return true;
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return name.find("..") == std::string_view::npos;
}

// Parses `text` from `position` until the end or until {{/`closing`}}; leaves `position` after
// the closing tag.
std::vector<Node> ParseNodes(std::string_view text, size_t& position, std::string_view closing) {
  std::vector<Node> nodes;
  while (position < text.size()) {
    const size_t open = text.find("{{", position);
    if (open != position) {
      const size_t end = open == std::string_view::npos ? text.size() : open;
      nodes.push_back({Node::Kind::kText, std::string(text.substr(position, end - position)), {}});
      position = end;
      continue;
    }
    const bool triple = text.substr(open, 3) == "{{{";
    const std::string_view close_mark = triple ? "}}}" : "}}";
    const size_t inner_start = open + (triple ? 3 : 2);
    const size_t close = text.find(close_mark, inner_start);
    if (close == std::string_view::npos) throw TemplateError("unclosed tag");
    std::string_view inner = TrimSpaces(text.substr(inner_start, close - inner_start));
    position = close + close_mark.size();
    Node node;
    if (triple) {
      node.kind = Node::Kind::kRaw;
    } else if (!inner.empty() && (inner.front() == '#' || inner.front() == '^')) {
      node.kind = inner.front() == '#' ? Node::Kind::kSection : Node::Kind::kInverted;
      inner = TrimSpaces(inner.substr(1));
      if (!IsName(inner)) throw TemplateError("bad section name: " + std::string(inner));
      node.text = std::string(inner);
      node.children = ParseNodes(text, position, inner);
      nodes.push_back(std::move(node));
      continue;
    } else if (!inner.empty() && inner.front() == '/') {
      inner = TrimSpaces(inner.substr(1));
      if (inner != closing || closing.empty()) {
        throw TemplateError("unexpected closing tag: " + std::string(inner));
      }
      return nodes;
    } else {
      node.kind = Node::Kind::kValue;
    }
    if (!IsName(inner)) throw TemplateError("bad name: " + std::string(inner));
    node.text = std::string(inner);
    nodes.push_back(std::move(node));
  }
  if (!closing.empty()) throw TemplateError("unclosed section: " + std::string(closing));
  return nodes;
}

// The sections entered so far, innermost last, over the root values.
struct Scope {
  const json::object& root;
  std::vector<const json::value*> items;
};

const json::value* Lookup(const Scope& scope, std::string_view name) {
  if (name == ".") return scope.items.empty() ? nullptr : scope.items.back();
  const size_t dot = name.find('.');
  const std::string_view head = name.substr(0, dot);
  const json::value* found = nullptr;
  for (auto item = scope.items.rbegin(); item != scope.items.rend() && !found; ++item) {
    if (const auto* object = (*item)->if_object()) {
      if (const auto* value = object->if_contains(head)) found = value;
    }
  }
  if (!found) found = scope.root.if_contains(head);
  if (!found || dot == std::string_view::npos) return found;
  std::string_view rest = name.substr(dot + 1);
  while (found) {
    const size_t next = rest.find('.');
    const auto* object = found->if_object();
    found = object ? object->if_contains(rest.substr(0, next)) : nullptr;
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  return found;
}

bool IsTruthy(const json::value* value) {
  if (!value || value->is_null()) return false;
  if (const auto* flag = value->if_bool()) return *flag;
  if (const auto* text = value->if_string()) return !text->empty();
  if (const auto* array = value->if_array()) return !array->empty();
  return true;
}

std::string ToText(const json::value* value) {
  if (!value) return {};
  switch (value->kind()) {
    case json::kind::string:
      return std::string(value->get_string());
    case json::kind::double_: {
      // The shortest form that reads back the same: 12.5, not JSON's 1.25E1.
      std::array<char, 32> buffer{};
      const auto end =
          std::to_chars(buffer.data(), buffer.data() + buffer.size(), value->get_double());
      return std::string(buffer.data(), end.ptr);
    }
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::bool_:
      return json::serialize(*value);
    default:
      return {};
  }
}

void RenderNodes(const std::vector<Node>& nodes, Scope& scope, Escape escape, std::string& out) {
  for (const Node& node : nodes) {
    switch (node.kind) {
      case Node::Kind::kText:
        out += node.text;
        break;
      case Node::Kind::kValue: {
        const std::string text = ToText(Lookup(scope, node.text));
        out += escape == Escape::kHtml ? HtmlEscape(text) : text;
        break;
      }
      case Node::Kind::kRaw:
        out += ToText(Lookup(scope, node.text));
        break;
      case Node::Kind::kSection: {
        const json::value* value = Lookup(scope, node.text);
        if (!IsTruthy(value)) break;
        if (const auto* array = value->if_array()) {
          for (const json::value& item : *array) {
            scope.items.push_back(&item);
            RenderNodes(node.children, scope, escape, out);
            scope.items.pop_back();
          }
        } else {
          scope.items.push_back(value);
          RenderNodes(node.children, scope, escape, out);
          scope.items.pop_back();
        }
        break;
      }
      case Node::Kind::kInverted:
        if (!IsTruthy(Lookup(scope, node.text))) RenderNodes(node.children, scope, escape, out);
        break;
    }
  }
}

}  // namespace

Template Template::Parse(std::string_view text) {
  size_t position = 0;
  Template parsed;
  parsed.nodes_ = std::make_shared<const std::vector<Node>>(ParseNodes(text, position, ""));
  return parsed;
}

std::string Template::Render(const json::object& values, Escape escape) const {
  std::string out;
  if (!nodes_) return out;
  Scope scope{values, {}};
  RenderNodes(*nodes_, scope, escape, out);
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace cartera::mail
