#include "http/problem.hpp"

#include <boost/json/serialize.hpp>

namespace cartera::http {
namespace {

const char* Title(unsigned status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

unsigned ToHttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kValidation:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 412;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ProblemResponse(const Error& error) {
  const unsigned status = ToHttpStatus(error.code);
  const std::string code = error.api_code.empty() ? "internal" : error.api_code;
  boost::json::object body;
  body["type"] = "/problems/" + code;
  body["title"] = Title(status);
  body["status"] = status;
  body["code"] = code;
  body["detail"] = error.message;
  if (!error.fields.empty()) {
    boost::json::array fields;
    for (const auto& field : error.fields) {
      fields.push_back({{"field", field.field}, {"code", field.code}, {"message", field.message}});
    }
    body["errors"] = std::move(fields);
  }
  if (error.members) {
    // Extra members never replace the standard ones.
    for (const auto& [name, value] : *error.members) {
      if (!body.contains(name)) body[name] = value;
    }
  }
  Response response = JsonResponse(status, body);
  response.content_type = "application/problem+json";
  for (const auto& [name, value] : error.headers) response.SetHeader(name, value);
  return response;
}

Response JsonResponse(unsigned status, const boost::json::value& body) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

Response NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

}  // namespace cartera::http
