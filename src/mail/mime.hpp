#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"

// Internet messages (RFC 5322 + MIME, RFC 2045-2047) for the automatic emails: one
// multipart/alternative with a text/plain and a text/html part, both UTF-8 in quoted-printable,
// non-ASCII subjects and display names as RFC 2047 encoded words, CRLF line ends, and no line
// over 76 characters (the limit is 998).
namespace cartera::mail {

struct Mailbox {
  std::string address;  // plain ASCII "local@domain"
  std::string name;     // display name, any UTF-8; may be empty
};

// A file sent with a message: a base64 part with its original name (RFC 2231 when not ASCII).
struct MimeAttachment {
  std::string name;
  std::string content_type;  // "application/pdf"
  std::string content;       // the bytes
};

struct MimeMessage {
  Mailbox from;
  Mailbox to;
  std::string subject;
  std::string text;
  std::string html;
  std::string message_id;  // "unique@domain", without angle brackets
  time::Micros date = 0;
  // Files: with any, the message is multipart/mixed holding the alternative and the files.
  std::vector<MimeAttachment> attachments = {};
  // Automatic mail carries Auto-Submitted: auto-generated (RFC 3834); mail a person wrote in
  // the panel does not, so that replies and out-of-office answers reach the sender.
  bool automatic = true;
};

// True when `address` can go into a header and an SMTP envelope as it is: IsEmail, printable
// ASCII only, no white space, angle brackets, quotes, commas or semicolons (no header injection).
bool IsPlainAddress(std::string_view address);

// The whole message. `boundary` separates the parts (random per message; it must not occur in
// the encoded parts: "=_" never does in quoted-printable). Throws std::invalid_argument when
// an address is not IsPlainAddress or the message id has no '@'.
std::string BuildMime(const MimeMessage& message, std::string_view boundary);

// `text` as an unstructured header value that starts `used` characters into its line (after
// "Subject: "): as it is when it is printable ASCII (folded at spaces), otherwise as "B"
// encoded words of whole UTF-8 characters, each line at most 76 characters. Line breaks and
// control characters in `text` become spaces.
std::string EncodeHeaderText(std::string_view text, size_t used);

// "name <address>" with the name quoted or encoded as needed; just the address without a name.
std::string FormatMailbox(const Mailbox& mailbox, size_t used);

// Quoted-printable (RFC 2045) of UTF-8 text; "\n" and "\r\n" become CRLF, every line at most
// 76 characters (soft breaks), spaces before a line end encoded.
std::string EncodeQuotedPrintable(std::string_view text);

// Base64 (RFC 2045) in lines of 76 characters, CRLF after each.
std::string EncodeBase64Lines(std::string_view bytes);

// RFC 5322 date in UTC: "Sun, 22 Nov 2026 14:03:00 +0000".
std::string FormatMailDate(time::Micros at);

}  // namespace cartera::mail
