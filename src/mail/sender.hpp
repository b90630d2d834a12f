#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/time.hpp"
#include "mail/mime.hpp"
#include "storage/database.hpp"

// Delivers the outbox (mail/outbox.hpp) over SMTP: a background thread per server process
// claims due messages in batches, sends each batch over one SMTP connection, and records
// every outcome; failures are retried with exponential backoff. Several processes sharing one
// PostgreSQL database never send the same message twice at once (claims skip locked rows).
namespace cartera::mail {

struct SenderOptions {
  std::string smtp_url;  // smtp://[user:password@]host[:port] or smtps://…; empty: no delivery
  std::string from_address;  // the From and envelope sender address
  std::string ca_file;       // CA certificates for the SMTP server's TLS; empty: the system's
  // Where attached files are kept (<data dir>/attachments, history::AttachmentStore).
  std::filesystem::path attachments_root;
  // Retry n waits retry_base × 2^(n-1) (5 s, 10 s, 20 s …), at most retry_cap, ±20 % jitter.
  std::chrono::milliseconds retry_base{5000};
  std::chrono::milliseconds retry_cap{std::chrono::hours(1)};
  // After this many failed attempts a message is failed (with the defaults, about 5½ hours
  // after the first try).
  int64_t max_attempts = 15;
  size_t batch_size = 100;
  std::chrono::milliseconds poll_interval{1000};
  // A claimed message is not due again for others before this; a batch stops taking new
  // messages once half of it has gone.
  std::chrono::seconds lease{300};
  std::chrono::seconds smtp_timeout{60};  // per message
};

// The wait before the next try after `attempts` failed attempts (1 = the first failed), without
// jitter: retry_base × 2^(attempts-1), at most retry_cap.
time::Micros RetryDelay(const SenderOptions& options, int64_t attempts);

class Sender {
 public:
  Sender(storage::Database& database, SenderOptions options);
  ~Sender();  // Stop()
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  // Starts the background thread when an SMTP URL is set; without one, logs once that mail
  // stays queued.
  void Start();
  // Makes the thread look for due mail now rather than at its next poll: call after a commit
  // that queued mail. Cheap; any thread.
  void Wake();
  // Stops the thread: a message being sent is aborted, outcomes so far are recorded, and the
  // messages of the batch not yet sent are released (due again at once, no attempt counted).
  // Idempotent.
  void Stop();

  struct BatchReport {
    size_t claimed = 0, sent = 0, retried = 0, failed = 0, released = 0;
    bool connection_failed = false;
  };
  // Claims and delivers one batch of due messages on the calling thread (the worker's step).
  BatchReport DeliverBatch();

 private:
  void Run();
  // The files of a message (its attachments JSON) read from the store; nullopt when one is
  // missing.
  std::optional<std::vector<MimeAttachment>> ReadAttachments(const std::string& attachments) const;

  storage::Database& database_;
  const SenderOptions options_;
  std::string from_domain_;
  std::mt19937_64 random_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace cartera::mail
