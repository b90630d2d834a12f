#include "common/result.hpp"

#include <boost/json/object.hpp>

namespace cartera {

Error MakeError(ErrorCode code, std::string api_code, std::string message) {
  Error error;
  error.code = code;
  error.api_code = std::move(api_code);
  error.message = std::move(message);
  return error;
}

Error ValidationError(std::vector<FieldError> fields) {
  Error error =
      MakeError(ErrorCode::kValidation, "validation_failed", "One or more fields are invalid.");
  error.fields = std::move(fields);
  return error;
}

Error NotFound(std::string what) {
  return MakeError(ErrorCode::kNotFound, "not_found", "The " + what + " does not exist.");
}

Error WithMembers(Error error, boost::json::object members) {
  error.members = std::make_shared<const boost::json::object>(std::move(members));
  return error;
}

}  // namespace cartera
