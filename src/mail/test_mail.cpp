#include "mail/test_mail.hpp"

#include "mail/mime.hpp"
#include "mail/outbox_repository.hpp"

namespace cartera::mail {

int QueueTestMail(storage::Database& database, const TestMailOptions& options, std::ostream& out,
                  std::ostream& error) {
  if (!IsPlainAddress(options.to)) {
    error << "--to must be a plain email address (ASCII, no name)\n";
    return 2;
  }
  int64_t first = 0;
  const auto queued = database.InTransaction(
      [&](storage::Connection& connection) -> Status {
        if (options.customer_id && !CustomerExists(connection, *options.customer_id)) {
          return NotFound("customer");
        }
        const MailRequest request{"smtp_test", options.language,    options.to,  "",
                                  {},          options.customer_id, std::nullopt};
        for (int64_t i = 0; i < options.count; ++i) {
          const int64_t id = Enqueue(connection, request);
          if (i == 0) first = id;
        }
        return Ok{};
      },
      storage::Grouping::kAlone);
  if (!queued.ok()) {
    error << "no customer " << *options.customer_id << "\n";
    return 1;
  }
  out << "queued " << options.count << " message(s) to " << options.to << " (first id " << first
      << "); a server started with --smtp-url delivers them\n";
  return 0;
}

}  // namespace cartera::mail
