#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "storage/database.hpp"

// `cartera mail test`: queues smtp_test messages so an operator can check the SMTP settings of
// a running server (and tests and benchmarks can fill the outbox).
namespace cartera::mail {

struct TestMailOptions {
  std::string to;
  std::string language = "es";
  std::optional<int64_t> customer_id;  // also listed among this customer's messages
  int64_t count = 1;
};

// Queues `options.count` messages in one transaction and reports on `out` ("queued 1
// message(s) to …"), or explains on `error` why not (a bad address, an unknown customer).
// Returns the process exit code.
int QueueTestMail(storage::Database& database, const TestMailOptions& options, std::ostream& out,
                  std::ostream& error);

}  // namespace cartera::mail
