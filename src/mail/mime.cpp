#include "mail/mime.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "common/validation.hpp"

namespace cartera::mail {
namespace {

constexpr size_t kLineLimit = 76;
constexpr std::string_view kCrlf = "\r\n";

bool IsPrintableAscii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Line breaks, tabs and other control characters become spaces (a header value is one line).
std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

// The length of the UTF-8 character that starts with `lead` (1 for a stray byte).
size_t CharLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string Base64(std::string_view bytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t a = static_cast<unsigned char>(bytes[i]);
    const uint32_t b = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0;
    const uint32_t c = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0;
    const uint32_t triple = (a << 16) | (b << 8) | c;
    out += kAlphabet[(triple >> 18) & 63];
    out += kAlphabet[(triple >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[triple & 63] : '=';
  }
  return out;
}

// "=?UTF-8?B?…?=" words of whole characters, joined by a fold (CRLF + space), so that no line
// passes kLineLimit given `used` characters already on the first line.
std::string EncodedWords(std::string_view text, size_t used) {
  static constexpr std::string_view kPrefix = "=?UTF-8?B?", kSuffix = "?=";
  const auto word_length = [](size_t bytes) {
    return kPrefix.size() + (bytes + 2) / 3 * 4 + kSuffix.size();
  };
  std::string out;
  size_t position = 0;
  size_t column = used;
  while (position < text.size()) {
    size_t end = position;
    while (end < text.size()) {
      const size_t next =
          std::min(text.size(), end + CharLength(static_cast<unsigned char>(text[end])));
      if (end > position && column + word_length(next - position) > kLineLimit) break;
      end = next;
    }
    out += kPrefix;
    out += Base64(text.substr(position, end - position));
    out += kSuffix;
    position = end;
    if (position < text.size()) {
      out += "\r\n ";
      column = 1;
    }
  }
  return out;
}

// Printable ASCII folded before a space wherever a line would pass kLineLimit.
std::string FoldAscii(std::string_view text, size_t used) {
  std::string out;
  size_t column = used;
  size_t position = 0;
  while (position < text.size()) {
    // The next word with the spaces in front of it.
    size_t end = text.find_first_not_of(' ', position);
    if (end == std::string_view::npos) end = text.size();
    end = text.find(' ', end);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view piece = text.substr(position, end - position);
    if (column + piece.size() > kLineLimit && column > 1 && !out.empty() && piece.front() == ' ') {
      out += kCrlf;
      column = 0;
    }
    out += piece;
    column += piece.size();
    position = end;
  }
  return out;
}

bool IsAtextOrSpace(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~ ";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kSpecials.find(c) != std::string_view::npos;
}

std::string CheckedBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 60 || !IsPrintableAscii(boundary) ||
      boundary.find('"') != std::string_view::npos) {
    throw std::invalid_argument("bad MIME boundary");
  }
  return std::string(boundary);
}

}  // namespace

bool IsPlainAddress(std::string_view address) {
  if (!validation::IsEmail(address) || !IsPrintableAscii(address)) return false;
  return address.find_first_of(" <>\"',;") == std::string_view::npos;
}

std::string EncodeHeaderText(std::string_view text, size_t used) {
  const std::string line = OneLine(text);
  if (IsPrintableAscii(line) && line.find("=?") == std::string::npos) return FoldAscii(line, used);
  return EncodedWords(line, used);
}

std::string FormatMailbox(const Mailbox& mailbox, size_t used) {
  if (!IsPlainAddress(mailbox.address)) throw std::invalid_argument("not a plain address");
  const std::string name = OneLine(mailbox.name);
  if (name.find_first_not_of(' ') == std::string::npos) return mailbox.address;
  std::string phrase;
  if (!IsPrintableAscii(name) || name.find("=?") != std::string::npos) {
    phrase = EncodedWords(name, used);
  } else if (std::all_of(name.begin(), name.end(), IsAtextOrSpace)) {
    phrase = name;
  } else {
    phrase = "\"";
    for (const char c : name) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += '"';
  }
  const size_t last_line = phrase.rfind('\n');
  const size_t column =
      last_line == std::string::npos ? used + phrase.size() : phrase.size() - last_line - 1;
  const std::string address = "<" + mailbox.address + ">";
  return phrase + (column + 1 + address.size() > kLineLimit ? "\r\n " : " ") + address;
}

std::string EncodeQuotedPrintable(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t column = 0;
  const auto put = [&](std::string_view token) {
    // Room for the token and, if more follows on this line, a soft break "=".
    if (column + token.size() > kLineLimit - 1) {
      out += "=\r\n";
      column = 0;
      if (token == ".") token = "=2E";
    }
    out += token;
    column += token.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      out += kCrlf;
      column = 0;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\n' ||
                          (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n');
    // A '.' opening a line is encoded too, so that no line of the body is ever a lone ".".
    const bool literal = (byte >= 33 && byte <= 126 && c != '=' && !(c == '.' && column == 0)) ||
                         ((c == ' ' || c == '\t') && !line_end);
    if (literal) {
      put(std::string_view(&c, 1));
    } else {
      const std::array<char, 3> encoded = {'=', kHex[byte >> 4], kHex[byte & 15]};
      put(std::string_view(encoded.data(), encoded.size()));
    }
  }
  return out;
}

std::string FormatMailDate(time::Micros at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1'000'000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                kDays[static_cast<size_t>(parts.tm_wday)].data(), parts.tm_mday,
                kMonths[static_cast<size_t>(parts.tm_mon)].data(), parts.tm_year + 1900,
                parts.tm_hour, parts.tm_min, parts.tm_sec);
  return buffer;
}

namespace {

// A filename parameter: quoted when printable ASCII (quotes and backslashes dropped), else
// RFC 2231's UTF-8 percent form (filename*=utf-8''…), which mail readers decode.
constexpr std::string_view kHexDigits = "0123456789ABCDEF";

std::string FilenameParameter(std::string_view parameter, std::string_view name) {
  bool ascii = !name.empty();
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) ascii = false;
  }
  if (ascii) {
    std::string quoted = std::string(parameter) + "=\"";
    for (const char c : name) {
      if (c != '"' && c != '\\') quoted += c;
    }
    return quoted + "\"";
  }
  std::string encoded = std::string(parameter) + "*=utf-8''";
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-' || c == '_') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHexDigits[u >> 4];
      encoded += kHexDigits[u & 15];
    }
  }
  return encoded;
}

}  // namespace

std::string BuildMime(const MimeMessage& message, std::string_view boundary) {
  const std::string separator = CheckedBoundary(boundary);
  if (message.message_id.find('@') == std::string::npos || !IsPrintableAscii(message.message_id) ||
      message.message_id.find_first_of(" <>") != std::string::npos) {
    throw std::invalid_argument("bad Message-ID");
  }
  std::string out;
  out.reserve(message.text.size() + message.html.size() + 1024);
  const auto header = [&out](std::string_view name, const std::string& value) {
    out += name;
    out += ": ";
    out += value;
    out += kCrlf;
  };
  header("Date", FormatMailDate(message.date));
  header("From", FormatMailbox(message.from, 6));
  header("To", FormatMailbox(message.to, 4));
  header("Subject", EncodeHeaderText(message.subject, 9));
  header("Message-ID", "<" + message.message_id + ">");
  header("MIME-Version", "1.0");
  // RFC 3834: an automatic message; auto-responders should not answer it.
  if (message.automatic) header("Auto-Submitted", "auto-generated");
  // With files: multipart/mixed around the alternative; its boundary differs by a suffix that
  // quoted-printable and base64 never produce.
  const std::string outer = separator + "_mixed";
  if (!message.attachments.empty()) {
    header("Content-Type", "multipart/mixed; boundary=\"" + outer + "\"");
    out += kCrlf;
    out += "--" + outer + std::string(kCrlf);
  }
  header("Content-Type", "multipart/alternative; boundary=\"" + separator + "\"");
  out += kCrlf;
  const auto part = [&](std::string_view type, std::string_view body) {
    out += "--";
    out += separator;
    out += kCrlf;
    out += "Content-Type: ";
    out += type;
    out += "; charset=utf-8";
    out += kCrlf;
    out += "Content-Transfer-Encoding: quoted-printable";
    out += kCrlf;
    out += kCrlf;
    out += EncodeQuotedPrintable(body);
    out += kCrlf;
  };
  part("text/plain", message.text);
  part("text/html", message.html);
  out += "--";
  out += separator;
  out += "--";
  out += kCrlf;
  for (const MimeAttachment& file : message.attachments) {
    const std::string type = IsPrintableAscii(file.content_type) &&
                                     file.content_type.find_first_of(" ;\"") == std::string::npos &&
                                     !file.content_type.empty()
                                 ? file.content_type
                                 : "application/octet-stream";
    out += "--" + outer + std::string(kCrlf);
    out +=
        "Content-Type: " + type + "; " + FilenameParameter("name", file.name) + std::string(kCrlf);
    out += "Content-Transfer-Encoding: base64" + std::string(kCrlf);
    out += "Content-Disposition: attachment; " + FilenameParameter("filename", file.name) +
           std::string(kCrlf);
    out += kCrlf;
    out += EncodeBase64Lines(file.content);
  }
  if (!message.attachments.empty()) out += "--" + outer + "--" + std::string(kCrlf);
  return out;
}

std::string EncodeBase64Lines(std::string_view bytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(bytes.size() * 4 / 3 + bytes.size() / 38 + 8);
  size_t column = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const auto byte = [&](size_t k) {
      return k < bytes.size() ? static_cast<unsigned>(static_cast<unsigned char>(bytes[k])) : 0U;
    };
    const unsigned triple = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += kAlphabet[(triple >> 18) & 63];
    out += kAlphabet[(triple >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[triple & 63] : '=';
    column += 4;
    if (column == 76) {
      out += kCrlf;
      column = 0;
    }
  }
  if (column > 0) out += kCrlf;
  return out;
}

}  // namespace cartera::mail
