#include "history/file_type.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <memory>

#include "common/text.hpp"

namespace cartera::history {
namespace {

constexpr size_t kMaxNameCodePoints = 255;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// The extension of a file name, lower case, without the dot ("" when none).
std::string ExtensionOf(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return "";
  return Lower(name.substr(dot + 1));
}

constexpr FileType kPdf{"application/pdf", "pdf", true};
constexpr FileType kPng{"image/png", "png", true};
constexpr FileType kJpeg{"image/jpeg", "jpg", true};
constexpr FileType kGif{"image/gif", "gif", true};
constexpr FileType kWebp{"image/webp", "webp", true};
constexpr FileType kXlsx{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         "xlsx"};
constexpr FileType kDocx{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         "docx"};
constexpr FileType kPptx{
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"};
constexpr FileType kOds{"application/vnd.oasis.opendocument.spreadsheet", "ods"};
constexpr FileType kOdt{"application/vnd.oasis.opendocument.text", "odt"};
constexpr FileType kOdp{"application/vnd.oasis.opendocument.presentation", "odp"};
constexpr FileType kXls{"application/vnd.ms-excel", "xls"};
constexpr FileType kDoc{"application/msword", "doc"};
constexpr FileType kPpt{"application/vnd.ms-powerpoint", "ppt"};
constexpr FileType kCsv{"text/csv; charset=utf-8", "csv"};
constexpr FileType kTsv{"text/tab-separated-values; charset=utf-8", "tsv"};
constexpr FileType kText{"text/plain; charset=utf-8", "txt"};

// Other extensions a file of a type may keep ("photo.jpeg" stays "photo.jpeg").
bool FitsType(std::string_view extension, const FileType& type) {
  if (extension == type.extension) return true;
  if (type.extension == "jpg") return extension == "jpeg" || extension == "jpe";
  if (type.extension == "txt") {
    return extension == "text" || extension == "log" || extension == "md" || extension == "ini";
  }
  return false;
}

// ZIP-based documents: Office Open XML names its parts under xl/, word/ or ppt/ next to
// [Content_Types].xml; OpenDocument starts with a `mimetype` entry holding its media type.
// libzip reads the central directory with its own bounds checks.
std::optional<FileType> SniffZip(std::string_view content) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(content.data(), content.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    return std::nullopt;
  }
  const std::unique_ptr<zip_t, void (*)(zip_t*)> closer(archive, [](zip_t* z) { zip_discard(z); });
  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  bool content_types = false, xl = false, word = false, ppt = false;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* raw = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (!raw) continue;
    const std::string_view name(raw);
    content_types = content_types || name == "[Content_Types].xml";
    xl = xl || StartsWith(name, "xl/");
    word = word || StartsWith(name, "word/");
    ppt = ppt || StartsWith(name, "ppt/");
  }
  if (content_types && xl) return kXlsx;
  if (content_types && word) return kDocx;
  if (content_types && ppt) return kPptx;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, "mimetype", 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE) ||
      stat.size > 100) {
    return std::nullopt;
  }
  zip_file_t* file = zip_fopen(archive, "mimetype", 0);
  if (!file) return std::nullopt;
  std::array<char, 100> buffer{};
  const zip_int64_t read = zip_fread(file, buffer.data(), buffer.size());
  zip_fclose(file);
  if (read <= 0) return std::nullopt;
  const std::string_view mimetype(buffer.data(), static_cast<size_t>(read));
  for (const FileType* type : {&kOds, &kOdt, &kOdp}) {
    if (mimetype == type->content_type) return *type;
  }
  return std::nullopt;
}

// Legacy Office files are OLE2 compound files; which program wrote one shows in the names of
// its streams. Directory entries are 128 bytes, aligned to 128 in the file (sectors are 512 or
// 4096 bytes after a 512-byte header): a name in UTF-16LE, its byte length at 64 and the entry
// type at 66 (2: a stream).
std::optional<FileType> SniffOle2(std::string_view content) {
  const auto is_stream = [&](size_t at, std::string_view name) {
    if (content[at + 66] != 2) return false;
    const size_t length = static_cast<unsigned char>(content[at + 64]) |
                          static_cast<size_t>(static_cast<unsigned char>(content[at + 65])) << 8;
    if (length != (name.size() + 1) * 2) return false;
    for (size_t i = 0; i < name.size(); ++i) {
      if (content[at + 2 * i] != name[i] || content[at + 2 * i + 1] != 0) return false;
    }
    return content[at + 2 * name.size()] == 0 && content[at + 2 * name.size() + 1] == 0;
  };
  for (size_t at = 512; at + 128 <= content.size(); at += 128) {
    if (is_stream(at, "WordDocument")) return kDoc;
    if (is_stream(at, "Workbook") || is_stream(at, "Book")) return kXls;
    if (is_stream(at, "PowerPoint Document")) return kPpt;
  }
  return std::nullopt;
}

// Text that a browser or an editor might take for markup or script, even served as plain text
// to download: refused rather than stored.
bool LooksLikeMarkup(std::string_view content, std::string_view extension) {
  static constexpr std::array<std::string_view, 9> kMarkup = {
      "html", "htm", "xhtml", "shtml", "svg", "xml", "js", "mjs", "hta"};
  if (std::find(kMarkup.begin(), kMarkup.end(), extension) != kMarkup.end()) return true;
  size_t at = StartsWith(content, "\xEF\xBB\xBF") ? 3 : 0;
  while (at < content.size() && std::isspace(static_cast<unsigned char>(content[at]))) ++at;
  return at < content.size() && content[at] == '<';
}

// The byte length of the UTF-8 sequence a lead byte starts (1 for anything malformed).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::optional<FileType> SniffFileType(std::string_view content, std::string_view name) {
  if (content.empty()) return std::nullopt;
  if (StartsWith(content, "%PDF-")) return kPdf;
  if (StartsWith(content, "\x89PNG\r\n\x1a\n")) return kPng;
  if (StartsWith(content, "\xFF\xD8\xFF")) return kJpeg;
  if (StartsWith(content, "GIF87a") || StartsWith(content, "GIF89a")) return kGif;
  if (content.size() >= 12 && StartsWith(content, "RIFF") && content.substr(8, 4) == "WEBP") {
    return kWebp;
  }
  if (StartsWith(content, std::string_view("PK\x03\x04", 4))) return SniffZip(content);
  if (StartsWith(content, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return SniffOle2(content);
  // Text: valid UTF-8 without NUL or other control characters (tab and line breaks are fine).
  if (!text::IsValidUtf8(content) || text::HasControlCharacters(content)) return std::nullopt;
  const std::string extension = ExtensionOf(name);
  if (LooksLikeMarkup(content, extension)) return std::nullopt;
  if (extension == "csv") return kCsv;
  if (extension == "tsv" || extension == "tab") return kTsv;
  return kText;
}

std::string SanitiseFileName(std::string_view name, const FileType& type) {
  // The last path segment: browsers on Windows once sent "C:\dir\name.pdf".
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string clean;
  for (size_t at = 0; at < name.size();) {
    const auto lead = static_cast<unsigned char>(name[at]);
    const size_t length = SequenceLength(lead);
    const std::string_view sequence = name.substr(at, length);
    if (length == 1 && lead >= 0x80) {
      clean += "\xEF\xBF\xBD";  // a stray continuation or invalid byte
      at += 1;
      continue;
    }
    if (sequence.size() < length || !text::IsValidUtf8(sequence)) {
      clean += "\xEF\xBF\xBD";
      at += 1;
      continue;
    }
    at += length;
    if (length == 1 && (lead < 0x20 || lead == 0x7F)) continue;  // control characters
    // Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) make "cod.exe" look
    // like "exe.doc".
    if (sequence >= "\xE2\x80\xAA" && sequence <= "\xE2\x80\xAE") continue;
    if (sequence >= "\xE2\x81\xA6" && sequence <= "\xE2\x81\xA9") continue;
    clean += sequence;
  }
  std::string_view trimmed = text::Trim(clean);
  while (!trimmed.empty() && trimmed.front() == '.') trimmed.remove_prefix(1);
  trimmed = text::Trim(trimmed);
  std::string base(trimmed);
  if (!FitsType(ExtensionOf(base), type)) {
    if (base.empty()) base = "file";
    base += ".";
    base += type.extension;
  }
  if (text::CodePointCount(base) <= kMaxNameCodePoints) return base;
  // Too long: cut the stem on a code point boundary and keep the extension.
  const std::string extension = "." + ExtensionOf(base);
  const size_t keep = kMaxNameCodePoints - text::CodePointCount(extension);
  size_t bytes = 0, points = 0;
  while (bytes < base.size() && points < keep) {
    bytes += SequenceLength(static_cast<unsigned char>(base[bytes]));
    ++points;
  }
  return base.substr(0, bytes) + extension;
}

std::string ContentDisposition(bool is_inline, std::string_view name) {
  std::string fallback, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    // Some browsers percent-decode the plain filename, so '%' is replaced too.
    const bool ascii_safe = byte >= 0x20 && byte < 0x7F && c != '"' && c != '\\' && c != '%';
    if (byte < 0x80 || byte >= 0xC0) fallback += ascii_safe ? c : '_';  // one per code point
    // RFC 5987 attr-char.
    if (std::isalnum(byte) || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return std::string(is_inline ? "inline" : "attachment") + "; filename=\"" + fallback +
         "\"; filename*=UTF-8''" + encoded;
}

}  // namespace cartera::history
