#pragma once

#include <string>
#include <string_view>

// Rich text from the panel (composed emails, email templates), made safe with a real HTML5
// parser (gumbo): only an allow-list of elements and attributes survives (docs/messaging.md).
namespace cartera::messaging {

struct SanitizedHtml {
  std::string html;  // a fragment: only p, br, b, strong, i, em, u, ul, ol, li, a[href], blockquote
  std::string text;  // the same content as plain text, "\n" line ends
};

// Parses `html` as a body fragment and rebuilds it from the allow-list: script, style and the
// other active or invisible elements are dropped with their content; other elements not
// allowed are unwrapped (their text kept); every attribute but an http, https or mailto href
// on `a` is dropped. Text is escaped again on output, so nothing the input says passes through.
SanitizedHtml Sanitize(std::string_view html);

}  // namespace cartera::messaging
