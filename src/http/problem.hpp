#pragma once

#include <boost/json/value.hpp>

#include "common/result.hpp"
#include "http/request.hpp"

namespace cartera::http {

// The HTTP status for an error code (the one mapping in the program).
unsigned ToHttpStatus(ErrorCode code);

// An application/problem+json response for `error` (API.md, "Errors").
Response ProblemResponse(const Error& error);

// A JSON response with `status` and the serialised `body`.
Response JsonResponse(unsigned status, const boost::json::value& body);

// 204 No Content: no body and no Content-Type.
Response NoContent();

}  // namespace cartera::http
