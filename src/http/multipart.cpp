#include "http/multipart.hpp"

#include <algorithm>
#include <functional>

#include "common/text.hpp"

namespace cartera::http {
namespace {

Error Malformed(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, "bad_request", std::move(message));
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

void SkipSpaces(std::string_view text, size_t& at) {
  while (at < text.size() && IsSpace(text[at])) ++at;
}

// RFC 7230 token characters.
bool IsTokenChar(char c) {
  if (static_cast<unsigned char>(c) <= 32 || static_cast<unsigned char>(c) >= 127) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

// Reads `; name=value` pairs after a media type or disposition type, starting at `at`. Values
// are tokens or quoted strings; in a quoted string `\"` and `\\` are escapes and any other
// backslash is kept (browsers do not escape backslashes in file names, RFC 7578 section 4.2).
std::optional<std::vector<Parameter>> ReadParameters(std::string_view text, size_t at) {
  std::vector<Parameter> parameters;
  for (;;) {
    SkipSpaces(text, at);
    if (at == text.size()) return parameters;
    if (text[at] != ';') return std::nullopt;
    ++at;
    SkipSpaces(text, at);
    if (at == text.size()) return parameters;  // a trailing ';' is tolerated
    const size_t name_start = at;
    while (at < text.size() && IsTokenChar(text[at])) ++at;
    if (at == name_start) return std::nullopt;
    Parameter parameter;
    for (const char c : text.substr(name_start, at - name_start)) parameter.name += Lower(c);
    SkipSpaces(text, at);
    if (at == text.size() || text[at] != '=') return std::nullopt;
    ++at;
    SkipSpaces(text, at);
    if (at < text.size() && text[at] == '"') {
      ++at;
      bool closed = false;
      while (at < text.size()) {
        const char c = text[at++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && at < text.size() && (text[at] == '"' || text[at] == '\\')) {
          parameter.value += text[at++];
        } else {
          parameter.value += c;
        }
      }
      if (!closed) return std::nullopt;
    } else {
      const size_t value_start = at;
      while (at < text.size() && IsTokenChar(text[at])) ++at;
      if (at == value_start) return std::nullopt;
      parameter.value = std::string(text.substr(value_start, at - value_start));
    }
    parameters.push_back(std::move(parameter));
  }
}

const Parameter* FindParameter(const std::vector<Parameter>& parameters, std::string_view name) {
  for (const auto& parameter : parameters) {
    if (parameter.name == name) return &parameter;
  }
  return nullptr;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// An RFC 5987 ext-value (`UTF-8''na%C3%AFve.pdf`) decoded to UTF-8; nullopt when malformed or
// in a charset other than UTF-8 and ISO-8859-1.
std::optional<std::string> DecodeExtendedValue(std::string_view value) {
  const size_t first = value.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = value.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view charset = value.substr(0, first);
  const bool utf8 = EqualsIgnoringCase(charset, "utf-8");
  if (!utf8 && !EqualsIgnoringCase(charset, "iso-8859-1")) return std::nullopt;
  std::string bytes;
  const std::string_view encoded = value.substr(second + 1);
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      bytes += encoded[i];
      continue;
    }
    if (i + 2 >= encoded.size()) return std::nullopt;
    const int high = HexValue(encoded[i + 1]), low = HexValue(encoded[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes += static_cast<char>(high * 16 + low);
    i += 2;
  }
  if (utf8) {
    if (!text::IsValidUtf8(bytes)) return std::nullopt;
    return bytes;
  }
  std::string converted;  // ISO-8859-1: each byte is the code point of the same number
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      converted += c;
    } else {
      converted += static_cast<char>(0xC0 | (byte >> 6));
      converted += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return converted;
}

// Browsers write `"`, line feed and carriage return in a file name as %22, %0A and %0D (the
// HTML standard's multipart/form-data encoding) and leave everything else as is.
std::string DecodeHtmlEscapes(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size()) {
      const std::string_view code = value.substr(i + 1, 2);
      const char decoded = EqualsIgnoringCase(code, "22")   ? '"'
                           : EqualsIgnoringCase(code, "0a") ? '\n'
                           : EqualsIgnoringCase(code, "0d") ? '\r'
                                                            : '\0';
      if (decoded != '\0') {
        out += decoded;
        i += 2;
        continue;
      }
    }
    out += value[i];
  }
  return out;
}

// Reads one part's header block (without its final empty line) into `part`.
Status ReadPartHeaders(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  size_t at = 0;
  while (at < block.size()) {
    size_t end = block.find("\r\n", at);
    if (end == std::string_view::npos) end = block.size();
    std::string line(block.substr(at, end - at));
    at = end == block.size() ? end : end + 2;
    // Obsolete line folding: a line starting with white space continues the previous one.
    while (at < block.size() && IsSpace(block[at])) {
      size_t next = block.find("\r\n", at);
      if (next == std::string_view::npos) next = block.size();
      line += ' ';
      line += block.substr(at, next - at);
      at = next == block.size() ? next : next + 2;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return Malformed("A part header is malformed.");
    const std::string_view name = text::Trim(std::string_view(line).substr(0, colon));
    if (!EqualsIgnoringCase(name, "content-disposition")) continue;  // Content-Type: ignored
    if (has_disposition) return Malformed("A part has two Content-Disposition headers.");
    has_disposition = true;
    const std::string_view value = std::string_view(line).substr(colon + 1);
    size_t position = 0;
    SkipSpaces(value, position);
    const size_t type_start = position;
    while (position < value.size() && IsTokenChar(value[position])) ++position;
    if (!EqualsIgnoringCase(value.substr(type_start, position - type_start), "form-data")) {
      return Malformed("A part's Content-Disposition is not form-data.");
    }
    const auto parameters = ReadParameters(value, position);
    if (!parameters) return Malformed("A part's Content-Disposition is malformed.");
    const Parameter* field_name = FindParameter(*parameters, "name");
    if (!field_name) return Malformed("A part has no name.");
    part.name = field_name->value;
    if (const Parameter* extended = FindParameter(*parameters, "filename*")) {
      part.filename = DecodeExtendedValue(extended->value);
    }
    if (!part.filename) {
      if (const Parameter* plain = FindParameter(*parameters, "filename")) {
        part.filename = DecodeHtmlEscapes(plain->value);
      }
    }
  }
  if (!has_disposition) return Malformed("A part has no Content-Disposition header.");
  return Ok{};
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  size_t at = 0;
  SkipSpaces(content_type, at);
  const size_t type_end = std::min(content_type.find(';'), content_type.size());
  if (!EqualsIgnoringCase(text::Trim(content_type.substr(at, type_end - at)),
                          "multipart/form-data")) {
    return Malformed("The body must be multipart/form-data.");
  }
  const auto parameters = ReadParameters(content_type, type_end);
  if (!parameters) return Malformed("The Content-Type header is malformed.");
  const Parameter* boundary = FindParameter(*parameters, "boundary");
  if (!boundary || boundary->value.empty() || boundary->value.size() > 70 ||
      boundary->value.back() == ' ') {
    return Malformed("The multipart boundary is missing or malformed.");
  }
  // RFC 2046 bchars.
  for (const char c : boundary->value) {
    const bool allowed = std::isalnum(static_cast<unsigned char>(c)) ||
                         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!allowed) return Malformed("The multipart boundary is missing or malformed.");
  }
  return boundary->value;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits) {
  if (boundary.empty()) return Malformed("The multipart boundary is missing or malformed.");
  // Every delimiter but a first one at the very start of the body follows a line break.
  const std::string delimiter = "\r\n--" + std::string(boundary);
  const std::boyer_moore_horspool_searcher searcher(delimiter.begin(), delimiter.end());
  // The position just after the next delimiter line's boundary at or after `from` that is
  // followed by "--", or by optional white space and a line break; npos when there is none.
  const auto find_delimiter = [&](size_t from) -> size_t {
    while (from <= body.size()) {
      const auto found =
          std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), searcher);
      if (found == body.end()) return std::string_view::npos;
      const size_t start = static_cast<size_t>(found - body.begin());
      size_t after = start + delimiter.size();
      if (body.substr(after, 2) == "--") return after;
      while (after < body.size() && IsSpace(body[after])) ++after;
      if (body.substr(after, 2) == "\r\n") return start + delimiter.size();
      from = start + 1;  // "--boundary" followed by more text is content, not a delimiter
    }
    return std::string_view::npos;
  };

  size_t at = std::string_view::npos;
  const std::string_view first_line = std::string_view(delimiter).substr(2);
  if (body.substr(0, first_line.size()) == first_line) {
    // The body starts with the delimiter (no preamble): check it as find_delimiter would.
    size_t after = first_line.size();
    if (body.substr(after, 2) == "--") {
      at = after;
    } else {
      while (after < body.size() && IsSpace(body[after])) ++after;
      if (body.substr(after, 2) == "\r\n") at = first_line.size();
    }
  }
  if (at == std::string_view::npos) at = find_delimiter(0);
  if (at == std::string_view::npos) return Malformed("The multipart body has no boundary.");

  std::vector<MultipartPart> parts;
  for (;;) {
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter; the rest is epilogue
    while (at < body.size() && IsSpace(body[at])) ++at;
    at += 2;  // the line break after the delimiter (find_delimiter checked it)
    if (parts.size() == limits.max_parts)
      return Malformed("The multipart body has too many parts.");
    MultipartPart part;
    size_t content_start = 0;
    if (body.substr(at, 2) == "\r\n") {
      content_start = at + 2;  // no headers at all
      TRY(ReadPartHeaders({}, part));
    } else {
      const size_t headers_end = body.find("\r\n\r\n", at);
      if (headers_end == std::string_view::npos || headers_end - at > limits.max_header_bytes) {
        return Malformed("A part's headers are malformed or too large.");
      }
      TRY(ReadPartHeaders(body.substr(at, headers_end - at), part));
      content_start = headers_end + 4;
    }
    const size_t next = find_delimiter(content_start);
    if (next == std::string_view::npos) return Malformed("The multipart body is not closed.");
    part.content = body.substr(content_start, next - delimiter.size() - content_start);
    parts.push_back(std::move(part));
    at = next;
  }
}

}  // namespace cartera::http
