#pragma once

#include <boost/json/value.hpp>

#include <cstdint>

namespace cartera::http {

// A percentage kept in hundredths as JSON: whole ones as integers (10, not 1E1), others as the
// nearest double (12.5).
inline boost::json::value PercentJson(int64_t hundredths) {
  if (hundredths % 100 == 0) return hundredths / 100;
  return static_cast<double>(hundredths) / 100.0;
}

}  // namespace cartera::http
