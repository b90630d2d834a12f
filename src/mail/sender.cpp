#include "mail/sender.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include "common/crypto.hpp"
#include "common/log.hpp"

#include "history/attachment_store.hpp"
#include "mail/mime.hpp"
#include "mail/outbox.hpp"
#include "mail/smtp_client.hpp"

namespace cartera::mail {
namespace {

time::Micros ToMicros(std::chrono::milliseconds duration) {
  return std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
}

}  // namespace

time::Micros RetryDelay(const SenderOptions& options, int64_t attempts) {
  const time::Micros base = ToMicros(options.retry_base);
  const time::Micros cap = ToMicros(options.retry_cap);
  time::Micros delay = base;
  for (int64_t i = 1; i < attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

Sender::Sender(storage::Database& database, SenderOptions options)
    : database_(database), options_(std::move(options)), random_(std::random_device{}()) {
  const size_t at = options_.from_address.rfind('@');
  from_domain_ = at == std::string::npos ? "localhost" : options_.from_address.substr(at + 1);
}

Sender::~Sender() { Stop(); }

void Sender::Start() {
  if (options_.smtp_url.empty()) {
    log::Warn("mail_delivery_disabled",
              {{"reason", "no --smtp-url: automatic emails stay queued until one is set"}});
    return;
  }
  if (thread_.joinable()) return;
  InitialiseCurl();
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
  log::Info("mail_sender_started",
            {{"smtp", RedactedUrl(options_.smtp_url)}, {"from", options_.from_address}});
}

void Sender::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void Sender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) {
    thread_.join();
    log::Info("mail_sender_stopped");
  }
}

void Sender::Run() {
  while (!stopping_) {
    BatchReport report;
    try {
      report = DeliverBatch();
    } catch (const std::exception& error) {
      // The database is unreachable, most likely: try again at the next poll. Claimed messages
      // whose outcome could not be recorded are due again when their lease ends.
      log::Error("mail_sender_error", {{"what", error.what()}});
    }
    // A full batch that went well: more may be due.
    if (report.claimed == options_.batch_size && !report.connection_failed) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll_interval, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

std::optional<std::vector<MimeAttachment>> Sender::ReadAttachments(
    const std::string& attachments) const {
  std::vector<MimeAttachment> files;
  const auto parsed = boost::json::parse(attachments);
  if (!parsed.is_array()) return files;
  const history::AttachmentStore store(options_.attachments_root);
  for (const auto& item : parsed.get_array()) {
    const auto& file = item.as_object();
    auto content = store.Read(file.at("sha256").as_string());
    if (!content) return std::nullopt;
    files.push_back({std::string(file.at("name").as_string()),
                     std::string(file.at("content_type").as_string()), std::move(*content)});
  }
  return files;
}

Sender::BatchReport Sender::DeliverBatch() {
  BatchReport report;
  const time::Micros started = time::Now();
  if (!AnyDue(database_, started)) return report;
  const std::string claim_token = crypto::RandomToken(12);
  const time::Micros lease = options_.lease.count() * 1'000'000;
  const auto messages = Claim(database_, claim_token, options_.batch_size, started, lease);
  report.claimed = messages.size();
  if (messages.empty()) return report;

  std::vector<Outcome> outcomes;
  outcomes.reserve(messages.size());
  const auto retry_or_fail = [&](const ClaimedMessage& message, std::string error) {
    const int64_t attempts = message.attempts + 1;
    Outcome outcome{message.id, Outcome::Kind::kRetry, std::move(error), time::Now(), 0, {}};
    if (attempts >= options_.max_attempts) {
      outcome.kind = Outcome::Kind::kFailed;
      ++report.failed;
    } else {
      std::uniform_real_distribution<double> jitter(0.8, 1.2);
      outcome.retry_at =
          outcome.at + static_cast<time::Micros>(
                           static_cast<double>(RetryDelay(options_, attempts)) * jitter(random_));
      ++report.retried;
    }
    outcomes.push_back(std::move(outcome));
  };
  {
    SmtpConnection smtp(options_.smtp_url, options_.ca_file, options_.smtp_timeout, &stopping_);
    const time::Micros stop_taking = started + lease / 2;
    std::string connection_error;
    for (const ClaimedMessage& message : messages) {
      if (!connection_error.empty()) {
        retry_or_fail(message, connection_error);
        continue;
      }
      if (stopping_ || time::Now() > stop_taking) {
        outcomes.push_back({message.id, Outcome::Kind::kReleased, {}, time::Now(), 0, {}});
        ++report.released;
        continue;
      }
      std::string data;
      try {
        MimeMessage mime{{options_.from_address, message.from_name},
                         {message.to_address, message.to_name},
                         message.subject,
                         message.body_text,
                         message.body_html,
                         message.message_id + "@" + from_domain_,
                         message.created_at};
        mime.automatic = message.template_name != "composed";
        auto files = ReadAttachments(message.attachments);
        if (!files) {
          outcomes.push_back({message.id,
                              Outcome::Kind::kFailed,
                              "an attached file is missing from the data directory",
                              time::Now(),
                              0,
                              {}});
          ++report.failed;
          continue;
        }
        mime.attachments = std::move(*files);
        data = BuildMime(mime, "=_" + crypto::RandomToken(18));
      } catch (const std::invalid_argument&) {
        outcomes.push_back(
            {message.id, Outcome::Kind::kFailed, "invalid recipient address", time::Now(), 0, {}});
        ++report.failed;
        continue;
      }
      const SmtpResult result = smtp.Send(options_.from_address, message.to_address, data);
      switch (result.kind) {
        case SmtpResult::Kind::kAccepted:
          outcomes.push_back({message.id, Outcome::Kind::kSent, {}, time::Now(), 0, {}});
          ++report.sent;
          break;
        case SmtpResult::Kind::kRejected:
          log::Warn("mail_rejected",
                    {{"message", message.id}, {"code", result.code}, {"error", result.error}});
          outcomes.push_back(
              {message.id, Outcome::Kind::kFailed, result.error, time::Now(), 0, {}});
          ++report.failed;
          break;
        case SmtpResult::Kind::kTemporary:
          log::Warn("mail_deferred",
                    {{"message", message.id}, {"code", result.code}, {"error", result.error}});
          retry_or_fail(message, result.error);
          break;
        case SmtpResult::Kind::kConnection:
          log::Warn("mail_connection_failed",
                    {{"smtp", RedactedUrl(options_.smtp_url)}, {"error", result.error}});
          connection_error = result.error;
          report.connection_failed = true;
          retry_or_fail(message, result.error);
          break;
        case SmtpResult::Kind::kAborted:
          outcomes.push_back({message.id, Outcome::Kind::kReleased, {}, time::Now(), 0, {}});
          ++report.released;
          break;
      }
    }
  }  // QUIT before the outcomes are written
  Record(database_, claim_token, outcomes);
  log::Info("mail_batch", {{"claimed", report.claimed},
                           {"sent", report.sent},
                           {"retried", report.retried},
                           {"failed", report.failed},
                           {"released", report.released},
                           {"ms", (time::Now() - started) / 1000}});
  return report;
}

}  // namespace cartera::mail
