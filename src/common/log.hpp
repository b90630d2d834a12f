#pragma once

#include <boost/json/value.hpp>

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

// Structured logs: one JSON object per line on stdout, written by a background thread.
namespace cartera::log {

// One field's value: text, a number or a boolean.
struct Value {
  Value(std::string_view text) : json(text) {}    // NOLINT(google-explicit-constructor)
  Value(const std::string& text) : json(text) {}  // NOLINT(google-explicit-constructor)
  Value(const char* text) : json(text) {}         // NOLINT(google-explicit-constructor)
  Value(bool flag) : json(flag) {}                // NOLINT(google-explicit-constructor)
  Value(double number) : json(number) {}          // NOLINT(google-explicit-constructor)
  template <std::integral T>
  Value(T number) : json(static_cast<int64_t>(number)) {}  // NOLINT(google-explicit-constructor)
  boost::json::value json;
};

using Fields = std::initializer_list<std::pair<std::string_view, Value>>;

// Sets up the asynchronous JSON logger. `level` is "debug", "info", "warn" or "error".
void Init(std::string_view level);
// Flushes and stops the background writer.
void Shutdown();

void Debug(std::string_view event, Fields fields = {});
void Info(std::string_view event, Fields fields = {});
void Warn(std::string_view event, Fields fields = {});
void Error(std::string_view event, Fields fields = {});

}  // namespace cartera::log
