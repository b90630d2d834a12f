#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/principal.hpp"

namespace cartera::http {

// The caller is a domain value (common/principal.hpp); the http layer fills it in.
using cartera::Principal;
using cartera::PrincipalKind;

// A parsed HTTP request, independent of the socket library.
struct Request {
  std::string method;                                        // upper case: GET, POST, …
  std::string path;                                          // decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::vector<std::pair<std::string, std::string>> path_params;
  std::string body;
  std::string remote_ip;
  Principal principal;

  // The first value of a header (name in lower case) or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  std::optional<std::string_view> QueryValue(std::string_view name) const;
  std::vector<std::string_view> QueryValues(std::string_view name) const;
  // The value of a path parameter declared as {name} in the route pattern ("" if absent).
  std::string_view PathParam(std::string_view name) const;
  // The value of a cookie, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

// The body of a streamed response (exports), produced chunk by chunk. The server calls Next on
// its write thread pool, never on an I/O thread, so producing a chunk may take its time.
struct BodySource {
  virtual ~BodySource() = default;
  // Appends the next chunk to `out` (which the server clears before each call); false once the
  // body is complete (`out` may still hold a last chunk). Throws on failure: the connection is
  // then closed without the final chunk, so the client sees a truncated body, never a short
  // complete one.
  virtual bool Next(std::string& out) = 0;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, `body` is ignored and the body is sent with Transfer-Encoding: chunked, one chunk
  // per Next call (HEAD requests get the header only and Next is never called).
  std::shared_ptr<BodySource> stream;

  Response& SetHeader(std::string name, std::string value);
};

}  // namespace cartera::http
