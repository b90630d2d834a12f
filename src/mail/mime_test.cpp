// The MIME builder: RFC 2047 headers, quoted-printable bodies, line lengths, CRLF, and the
// refusal of addresses that could inject headers.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "mail/mime.hpp"

namespace cartera::mail {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find("\r\n", start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string DecodeBase64(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) throw std::invalid_argument("not base64");
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Unfolds a header value and decodes its "B" encoded words (the white space between two
// encoded words is dropped, RFC 2047 section 6.2). Each word must be whole UTF-8 characters.
std::string DecodeHeader(const std::string& value) {
  std::string unfolded;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 2, "\r\n") == 0) {
      ++i;
      continue;
    }
    unfolded += value[i];
  }
  std::string out;
  size_t position = 0;
  bool previous_was_word = false;
  while (position < unfolded.size()) {
    const size_t start = unfolded.find("=?UTF-8?B?", position);
    if (start == std::string::npos) {
      out += unfolded.substr(position);
      break;
    }
    const std::string between = unfolded.substr(position, start - position);
    if (!(previous_was_word && between.find_first_not_of(' ') == std::string::npos)) {
      out += between;
    }
    const size_t end = unfolded.find("?=", start + 10);
    EXPECT_NE(end, std::string::npos);
    const std::string word = DecodeBase64(unfolded.substr(start + 10, end - start - 10));
    EXPECT_TRUE(text::IsValidUtf8(word)) << "an encoded word splits a character";
    out += word;
    position = end + 2;
    previous_was_word = true;
  }
  return out;
}

std::string DecodeQuotedPrintable(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

void ExpectLinesWithin(const std::string& text, size_t limit) {
  for (const auto& line : Lines(text)) {
    EXPECT_LE(line.size(), limit) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF in: " << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << "bare CR in: " << line;
  }
}

TEST(MimeHeaders, NonAsciiSubjectIsEncodedWordsThatDecodeBack) {
  const std::string subject = "Pedido nº 12 — Ferretería Núñez";
  const std::string encoded = EncodeHeaderText(subject, 9);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0U) << encoded;
  for (const char c : encoded) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_EQ(DecodeHeader(encoded), subject);
  ExpectLinesWithin("Subject: " + encoded, 76);
}

TEST(MimeHeaders, LongSubjectsFoldIntoShortLinesOfWholeCharacters) {
  std::string subject;
  for (int i = 0; i < 20; ++i) subject += "Pedido nº " + std::to_string(i) + " — Ñandú año ";
  const std::string encoded = EncodeHeaderText(subject, 9);
  EXPECT_GT(Lines(encoded).size(), 5U);
  ExpectLinesWithin("Subject: " + encoded, 76);
  EXPECT_EQ(DecodeHeader(encoded), subject);
}

TEST(MimeHeaders, AsciiSubjectsStayReadableAndFoldAtSpaces) {
  EXPECT_EQ(EncodeHeaderText("Order 12 received", 9), "Order 12 received");
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "word" + std::to_string(i) + " ";
  subject.pop_back();
  const std::string folded = EncodeHeaderText(subject, 9);
  ExpectLinesWithin("Subject: " + folded, 78);
  std::string unfolded = folded;
  for (size_t at; (at = unfolded.find("\r\n")) != std::string::npos;) unfolded.erase(at, 2);
  EXPECT_EQ(unfolded, subject);
  // Line breaks cannot start a new header; "=?" would read as an encoded word, so it is encoded.
  EXPECT_EQ(EncodeHeaderText("a\r\nBcc: x@example.com", 9), "a  Bcc: x@example.com");
  EXPECT_EQ(DecodeHeader(EncodeHeaderText("=?x?= literal", 9)), "=?x?= literal");
}

TEST(MimeHeaders, DisplayNamesAreEncodedOrQuoted) {
  EXPECT_EQ(FormatMailbox({"ventas@example.com", ""}, 6), "ventas@example.com");
  EXPECT_EQ(FormatMailbox({"ana@example.com", "Ana Lopez"}, 4), "Ana Lopez <ana@example.com>");
  EXPECT_EQ(FormatMailbox({"ana@example.com", "Lopez, Ana \"AL\""}, 4),
            "\"Lopez, Ana \\\"AL\\\"\" <ana@example.com>");
  const std::string encoded = FormatMailbox({"pedidos@example.com", "Ferretería Núñez"}, 6);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0U) << encoded;
  EXPECT_TRUE(encoded.ends_with(" <pedidos@example.com>")) << encoded;
  EXPECT_EQ(DecodeHeader(encoded.substr(0, encoded.find(" <"))), "Ferretería Núñez");
  const std::string long_name = FormatMailbox(
      {"pedidos@example.com", "Distribuciones Eléctricas y Ferretería Industrial del Noroeste"}, 6);
  ExpectLinesWithin("From: " + long_name, 76);
}

TEST(MimeHeaders, AddressesThatCouldInjectHeadersAreRefused) {
  EXPECT_TRUE(IsPlainAddress("ana.lopez+pedidos@example.com"));
  EXPECT_FALSE(IsPlainAddress("ana@example.com\r\nBcc: x@example.com"));
  EXPECT_FALSE(IsPlainAddress("ana@example.com>, x@example.com"));
  EXPECT_FALSE(IsPlainAddress("núñez@example.com"));
  EXPECT_FALSE(IsPlainAddress("not an address"));
  EXPECT_THROW(FormatMailbox({"a@example.com\nBcc: b@example.com", "x"}, 4), std::invalid_argument);
}

TEST(QuotedPrintable, LongLinesGetSoftBreaksAndDecodeBack) {
  std::string body = std::string(1000, 'a') + "\n" + std::string(300, 'x');
  for (int i = 0; i < 200; ++i) body += "ñ";
  body += "\nline with trailing spaces   \nequals = sign\n.dot first\n";
  const std::string encoded = EncodeQuotedPrintable(body);
  ExpectLinesWithin(encoded, 76);
  for (const char c : encoded) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  std::string expected = body;
  for (size_t at = 0; (at = expected.find('\n', at)) != std::string::npos; at += 2) {
    expected.replace(at, 1, "\r\n");
  }
  EXPECT_EQ(DecodeQuotedPrintable(encoded), expected);
  EXPECT_NE(encoded.find("spaces  =20\r\n"), std::string::npos) << "trailing space encoded";
  EXPECT_NE(encoded.find("equals =3D sign"), std::string::npos);
  EXPECT_NE(encoded.find("\r\n=2Edot first"), std::string::npos);
  EXPECT_EQ(EncodeQuotedPrintable("a\r\nb"), "a\r\nb");
}

TEST(MimeMessageTest, MultipartAlternativeWithEveryHeader) {
  MimeMessage message;
  message.from = {"pedidos@example.com", "Ferretería Núñez"};
  message.to = {"ana@example.com", "Ana Núñez"};
  message.subject = "Pedido nº 12 — Ferretería Núñez";
  message.text = "Hola Ana:\n\n" + std::string(200, 'z') + "\nÑ";
  message.html = "<p>Hola <strong>Ana</strong></p>";
  message.message_id = "1790000000000000.abc@example.com";
  message.date = 1'790'000'000'000'000;  // 2026-09-21T14:13:20Z, a Monday
  const std::string mime = BuildMime(message, "=_boundary42");
  ExpectLinesWithin(mime, 76);
  const auto lines = Lines(mime);
  const auto header = [&](std::string_view name) {
    for (size_t i = 0; i < lines.size() && !lines[i].empty(); ++i) {
      if (lines[i].rfind(std::string(name) + ": ", 0) == 0) {
        std::string value = lines[i].substr(name.size() + 2);
        while (i + 1 < lines.size() && lines[i + 1].starts_with(" ")) value += "\r\n" + lines[++i];
        return value;
      }
    }
    return std::string("(missing)");
  };
  EXPECT_EQ(header("Date"), "Mon, 21 Sep 2026 14:13:20 +0000");
  EXPECT_EQ(header("Message-ID"), "<1790000000000000.abc@example.com>");
  EXPECT_EQ(header("MIME-Version"), "1.0");
  EXPECT_EQ(DecodeHeader(header("Subject")), "Pedido nº 12 — Ferretería Núñez");
  EXPECT_EQ(DecodeHeader(header("From")), "Ferretería Núñez <pedidos@example.com>");
  EXPECT_EQ(DecodeHeader(header("To")), "Ana Núñez <ana@example.com>");
  EXPECT_EQ(header("Content-Type"), "multipart/alternative; boundary=\"=_boundary42\"");
  EXPECT_NE(mime.find("\r\n\r\n--=_boundary42\r\nContent-Type: text/plain; charset=utf-8\r\n"
                      "Content-Transfer-Encoding: quoted-printable\r\n\r\nHola Ana:"),
            std::string::npos);
  EXPECT_NE(mime.find("--=_boundary42\r\nContent-Type: text/html; charset=utf-8\r\n"),
            std::string::npos);
  EXPECT_TRUE(mime.ends_with("\r\n--=_boundary42--\r\n"));
  EXPECT_NE(mime.find("=C3=91"), std::string::npos) << "Ñ in quoted-printable";

  message.to.address = "ana@example.com\r\nBcc: x@example.com";
  EXPECT_THROW(BuildMime(message, "=_b"), std::invalid_argument);
}

TEST(MimeDate, Rfc5322InUtc) {
  EXPECT_EQ(FormatMailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatMailDate(1'700'000'000'000'000), "Tue, 14 Nov 2023 22:13:20 +0000");
}

}  // namespace
}  // namespace cartera::mail
