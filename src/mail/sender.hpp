#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/time.hpp"
#include "mail/outbox_repository.hpp"
#include "storage/database.hpp"

// Delivers the outbox (mail/outbox.hpp): a background thread per channel and server process
// claims due messages of its channel in batches, hands each to the channel's Transport (SMTP
// for email here; the WhatsApp Cloud API in messaging/), and records every outcome; failures
// are retried with exponential backoff. Several processes sharing one PostgreSQL database
// never send the same message twice at once (claims skip locked rows).
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

// What one delivery attempt came to.
struct Attempt {
  enum class Kind {
    kSent,        // accepted
    kRejected,    // refused for good: failed, not retried
    kTemporary,   // retried later
    kConnection,  // no conversation at all: retried later, and so is the rest of the batch
    kAborted,     // stopped (shutdown) before an answer: released, no attempt counted
  };
  Kind kind = Kind::kSent;
  std::string error;        // the server's reason (never a secret)
  std::string provider_id;  // kSent: the provider's id for the message, if it gives one
};

// How the messages of one channel leave.
class Transport {
 public:
  virtual ~Transport() = default;
  // False when the channel can never deliver in this process (email without --smtp-url):
  // Start() then logs why and starts no thread.
  virtual bool Enabled() const = 0;
  // Before a batch: false when the channel cannot deliver now (WhatsApp not configured yet);
  // nothing is claimed then.
  virtual bool Open() = 0;
  // Delivers one claimed message. `stopping` turns true at shutdown.
  virtual Attempt Deliver(const ClaimedMessage& message, const std::atomic<bool>& stopping) = 0;
  // After a batch, before its outcomes are recorded (SMTP says QUIT).
  virtual void Close() = 0;
  virtual std::string_view Name() const = 0;  // "mail", "whatsapp": log event prefixes
};

// The SMTP transport of `options` (with attachments read from options.attachments_root).
std::unique_ptr<Transport> SmtpTransport(const SenderOptions& options);

class Sender {
 public:
  // Email over SMTP.
  Sender(storage::Database& database, SenderOptions options);
  // The messages of `channel` through `transport`, with the retry and batch settings of
  // `options`.
  Sender(storage::Database& database, SenderOptions options, Channel channel,
         std::unique_ptr<Transport> transport);
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

  storage::Database& database_;
  const SenderOptions options_;
  const Channel channel_;
  std::unique_ptr<Transport> transport_;
  std::mt19937_64 random_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace cartera::mail
