#pragma once

#include <boost/json/fwd.hpp>

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cartera {

// The one vocabulary of expected failures. `http/problem` maps each to a status.
enum class ErrorCode {
  kInvalidArgument,     // 400: malformed request
  kValidation,          // 422: well-formed but invalid fields
  kNotFound,            // 404
  kAlreadyExists,       // 409
  kConflict,            // 409
  kFailedPrecondition,  // 412 (stale version)
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kResourceExhausted,   // 429
  kTooLarge,            // 413
  kMethodNotAllowed,    // 405
  kUnavailable,         // 503
  kInternal,            // 500
};

// One invalid field: `field` is the JSON name (`tags[2]`), `code` a stable machine word.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

// An expected failure. `api_code` is the problem+json `code`; `message` is safe to show to the
// client. Internal details are logged where they happen, never carried here.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string api_code;
  std::string message;
  std::vector<FieldError> fields;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Retry-After
  // Extra members of the problem+json body (e.g. `contacts`, `order_count`); never `type`,
  // `title`, `status`, `code`, `detail` or `errors`. Null when there are none.
  std::shared_ptr<const boost::json::object> members;
  // kAlreadyExists from storage (Connection::TryQuery): the unique constraint that refused the
  // write. Never sent to the client.
  std::string constraint;
};

Error MakeError(ErrorCode code, std::string api_code, std::string message);
Error ValidationError(std::vector<FieldError> fields);
Error NotFound(std::string what = "resource");
// `error` with `members` added to its problem+json body (see Error::members).
Error WithMembers(Error error, boost::json::object members);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const& { return std::get<1>(data_); }
  Error&& error() && { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace cartera

// Evaluates a Result expression; on error returns the error from the enclosing function.
#define CARTERA_CONCAT_INNER(a, b) a##b
#define CARTERA_CONCAT(a, b) CARTERA_CONCAT_INNER(a, b)
#define TRY_ASSIGN_IMPL(tmp, lhs, expr)         \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
#define TRY_ASSIGN(lhs, expr) TRY_ASSIGN_IMPL(CARTERA_CONCAT(try_result_, __LINE__), lhs, expr)
#define TRY(expr)                                                 \
  do {                                                            \
    auto try_status_ = (expr);                                    \
    if (!try_status_.ok()) return std::move(try_status_).error(); \
  } while (false)
