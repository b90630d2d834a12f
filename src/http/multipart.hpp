#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

// A reader of multipart/form-data request bodies (RFC 7578 over RFC 2046), for uploads.
namespace cartera::http {

struct MultipartPart {
  std::string name;                     // Content-Disposition `name`
  std::optional<std::string> filename;  // `filename*` (RFC 5987) if given, else `filename`
  std::string_view content;             // the part's bytes: a view into the parsed body
};

struct MultipartLimits {
  size_t max_parts = 16;
  size_t max_header_bytes = 8 * 1024;  // of one part's header block
};

// The boundary named by a Content-Type header `multipart/form-data; boundary=…` (quoted or
// not; 1-70 characters). Errors: kInvalidArgument `bad_request` for any other media type or a
// missing or malformed boundary.
Result<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. Each part needs a Content-Disposition of type form-data with a
// `name`; its Content-Type is ignored (never trusted). Text before the first and after the
// closing delimiter is ignored, as RFC 2046 says. The parts' contents point into `body`, which
// must outlive them.
// Errors: kInvalidArgument `bad_request` for a body that is not well-formed multipart (no
// closing delimiter, a part without headers' end, a missing or non form-data disposition, more
// than `limits.max_parts` parts, a header block over `limits.max_header_bytes`).
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits = {});

}  // namespace cartera::http
