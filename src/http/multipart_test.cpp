#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <random>

namespace cartera::http {
namespace {

std::string Body(std::string_view boundary, std::vector<std::string> parts) {
  std::string body;
  for (const auto& part : parts) body += "--" + std::string(boundary) + "\r\n" + part + "\r\n";
  body += "--" + std::string(boundary) + "--\r\n";
  return body;
}

TEST(MultipartBoundary, ReadsTokenAndQuotedBoundaries) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=abc123").value(), "abc123");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;boundary=\"a b:c\"").value(), "a b:c");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; BOUNDARY=----WebKitX").value(),
            "----WebKitX");
}

TEST(MultipartBoundary, RefusesOtherTypesAndBadBoundaries) {
  for (const std::string_view type :
       {"application/json", "multipart/mixed; boundary=x", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unclosed",
        "multipart/form-data; boundary=\"a;b\"", "multipart/form-data; boundary=\"ends \"",
        "multipart/form-data; boundary=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxx",
        "multipart/form-data boundary=x", ""}) {
    const auto boundary = MultipartBoundary(type);
    ASSERT_FALSE(boundary.ok()) << type;
    EXPECT_EQ(boundary.error().code, ErrorCode::kInvalidArgument) << type;
  }
}

TEST(ParseMultipart, ReadsFieldsAndFilesWithBinaryContent) {
  const std::string binary("\x89PNG\r\n\x1a\n\0\r\n--b\r\n-", 16);
  const std::string body =
      "preamble to ignore\r\n" +
      Body("XyZ", {"Content-Disposition: form-data; name=\"comment\"\r\n\r\nHola\r\nmundo",
                   "content-disposition: form-data; name=\"file\"; filename=\"C:\\dir\\a "
                   "\\\"b\\\".png\"\r\nContent-Type: text/html\r\n\r\n" +
                       binary}) +
      "epilogue";
  auto parts = ParseMultipart(body, "XyZ");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2U);
  EXPECT_EQ((*parts)[0].name, "comment");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[0].content, "Hola\r\nmundo");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "C:\\dir\\a \"b\".png");
  EXPECT_EQ((*parts)[1].content, binary);
}

TEST(ParseMultipart, PrefersFilenameStarAndAcceptsEmptyParts) {
  const std::string body =
      Body("b", {"Content-Disposition: form-data; name=file; filename=\"plain.pdf\"; "
                 "filename*=UTF-8''na%C3%AFve%20caf%C3%A9.pdf\r\n\r\n",
                 "Content-Disposition: form-data; name=\"latin\"; filename*=iso-8859-1'es'a%F1o.txt"
                 "\r\n\r\nx",
                 "Content-Disposition: form-data; name=\"bad\"; filename=\"kept.txt\"; "
                 "filename*=UTF-8''%FF%GG\r\n\r\ny"});
  auto parts = ParseMultipart(body, "b");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 3U);
  EXPECT_EQ((*parts)[0].filename, "naïve café.pdf");
  EXPECT_EQ((*parts)[0].content, "");
  EXPECT_EQ((*parts)[1].filename, "año.txt");
  EXPECT_EQ((*parts)[2].filename, "kept.txt");  // a malformed filename* falls back
}

TEST(ParseMultipart, DecodesTheHtmlEscapesOfFileNames) {
  const std::string body =
      Body("b", {"Content-Disposition: form-data; name=\"file\"; "
                 "filename=\"a %22quoted%22 %0a name %41 100%.txt\"\r\n\r\nx"});
  auto parts = ParseMultipart(body, "b");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ(parts.value()[0].filename, "a \"quoted\" \n name %41 100%.txt");
}

TEST(ParseMultipart, TextLikeTheBoundaryInsideContentIsContent) {
  const std::string body =
      Body("b", {"Content-Disposition: form-data; name=\"f\"\r\n\r\nline\r\n--bb\r\n--b x"});
  auto parts = ParseMultipart(body, "b");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_EQ((*parts)[0].content, "line\r\n--bb\r\n--b x");
}

TEST(ParseMultipart, RefusesMalformedBodies) {
  const std::string part = "Content-Disposition: form-data; name=\"f\"\r\n\r\nx";
  const std::vector<std::string> bad = {
      "",
      "no boundary at all",
      "--b\r\n" + part,                                     // never closed
      "--b\r\n" + part + "\r\n--b",                         // closing line cut short
      "--b\r\nContent-Disposition: form-data; name=\"f\"",  // headers never end
      Body("b", {"Content-Type: text/plain\r\n\r\nx"}),     // no disposition
      Body("b", {"Content-Disposition: attachment; name=\"f\"\r\n\r\nx"}),
      Body("b", {"Content-Disposition: form-data; filename=\"a\"\r\n\r\nx"}),  // no name
      Body("b", {"Content-Disposition: form-data; name=\"f\r\n\r\nx"}),        // unclosed quote
      Body("b", {"Content-Disposition form-data\r\n\r\nx"}),                   // no colon
      Body("b", {"\r\nx"}),                                                    // no headers
      Body("b", {"Content-Disposition: form-data; name=\"f\"\r\nContent-Disposition: "
                 "form-data; name=\"g\"\r\n\r\nx"}),
  };
  for (const auto& body : bad) {
    auto parts = ParseMultipart(body, "b");
    ASSERT_FALSE(parts.ok()) << body;
    EXPECT_EQ(parts.error().code, ErrorCode::kInvalidArgument) << body;
  }
}

TEST(ParseMultipart, LimitsPartsAndHeaderSize) {
  std::vector<std::string> many(5, "Content-Disposition: form-data; name=\"f\"\r\n\r\nx");
  EXPECT_TRUE(ParseMultipart(Body("b", many), "b", {.max_parts = 5}).ok());
  EXPECT_FALSE(ParseMultipart(Body("b", many), "b", {.max_parts = 4}).ok());
  const std::string long_header =
      "Content-Disposition: form-data; name=\"f\"\r\nX-Pad: " + std::string(9000, 'a') +
      "\r\n\r\nx";
  EXPECT_FALSE(ParseMultipart(Body("b", {long_header}), "b").ok());
}

// Random damage to a valid body never crashes or reads out of bounds (the sanitizers watch);
// whatever parses has contents inside the body.
TEST(ParseMultipart, SurvivesRandomDamage) {
  const std::string valid = Body(
      "bnd", {"Content-Disposition: form-data; name=\"comment\"\r\n\r\nhello",
              "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"; "
              "filename*=UTF-8''%C3%A1.pdf\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"});
  std::mt19937 random(42);
  for (int round = 0; round < 20000; ++round) {
    std::string body = valid;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int edit = 0; edit < edits && !body.empty(); ++edit) {
      const size_t at = random() % body.size();
      switch (random() % 3) {
        case 0:
          body[at] = static_cast<char>(random() % 256);
          break;
        case 1:
          body.erase(at, 1 + random() % 8);
          break;
        default:
          body.insert(at, std::string(1 + random() % 3, "\r\n-\";="[random() % 6]));
      }
    }
    auto parts = ParseMultipart(body, "bnd");
    if (!parts.ok()) continue;
    for (const auto& part : *parts) {
      ASSERT_GE(part.content.data(), body.data());
      ASSERT_LE(part.content.data() + part.content.size(), body.data() + body.size());
    }
  }
}

}  // namespace
}  // namespace cartera::http
