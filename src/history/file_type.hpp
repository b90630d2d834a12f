#pragma once

#include <optional>
#include <string>
#include <string_view>

// What an uploaded file is, decided from its bytes (never from the client's Content-Type or
// name), and the names and headers it is stored and served with (F9).
namespace cartera::history {

struct FileType {
  std::string_view content_type;  // served as the Content-Type of the download
  std::string_view extension;     // the usual one, without the dot ("pdf")
  bool is_inline = false;         // shown by the browser (images, PDF); else downloaded
};

// The type of `content`: PDF, PNG, JPEG, GIF, WebP, Office Open XML (xlsx, docx, pptx) and
// OpenDocument (ods, odt, odp) archives, legacy Office files (xls, doc, ppt), or text (valid
// UTF-8 without NUL or other control characters but tab and line breaks: CSV when `name` ends in
// .csv, tab-separated for .tsv, else plain). nullopt for anything else — executables, HTML, SVG,
// XML and other markup, plain ZIP archives, empty files — which are refused.
std::optional<FileType> SniffFileType(std::string_view content, std::string_view name);

// The name an attachment is kept under: the last path segment of what the client sent, valid
// UTF-8 (bad bytes become U+FFFD), without control and bidirectional-override characters, no
// leading dots or surrounding spaces, at most 255 code points, ending with an extension that
// fits `type` (".pdf" is appended to "scan.exe"). "file.<ext>" when nothing is left.
std::string SanitiseFileName(std::string_view name, const FileType& type);

// A Content-Disposition header value: `inline` or `attachment`, an ASCII `filename` fallback
// and the exact name as RFC 5987 `filename*`.
std::string ContentDisposition(bool is_inline, std::string_view name);

}  // namespace cartera::history
