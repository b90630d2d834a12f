#include "mail/sender.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <stdexcept>

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "history/attachment_store.hpp"
#include "mail/mime.hpp"
#include "mail/smtp_client.hpp"

namespace cartera::mail {
namespace {

time::Micros ToMicros(std::chrono::milliseconds duration) {
  return std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
}

// Email: each batch over one SMTP connection.
class Smtp final : public Transport {
 public:
  explicit Smtp(const SenderOptions& options) : options_(options) {
    const size_t at = options_.from_address.rfind('@');
    from_domain_ = at == std::string::npos ? "localhost" : options_.from_address.substr(at + 1);
  }

  bool Enabled() const override {
    if (options_.smtp_url.empty()) {
      log::Warn("mail_delivery_disabled",
                {{"reason", "no --smtp-url: automatic emails stay queued until one is set"}});
      return false;
    }
    log::Info("mail_sender_started",
              {{"smtp", RedactedUrl(options_.smtp_url)}, {"from", options_.from_address}});
    return true;
  }

  bool Open() override { return true; }

  Attempt Deliver(const ClaimedMessage& message, const std::atomic<bool>& stopping) override {
    if (!smtp_) {
      smtp_ = std::make_unique<SmtpConnection>(options_.smtp_url, options_.ca_file,
                                               options_.smtp_timeout, &stopping);
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
        return {
            Attempt::Kind::kRejected, "an attached file is missing from the data directory", {}};
      }
      mime.attachments = std::move(*files);
      data = BuildMime(mime, "=_" + crypto::RandomToken(18));
    } catch (const std::invalid_argument&) {
      return {Attempt::Kind::kRejected, "invalid recipient address", {}};
    }
    const SmtpResult result = smtp_->Send(options_.from_address, message.to_address, data);
    switch (result.kind) {
      case SmtpResult::Kind::kAccepted:
        return {Attempt::Kind::kSent, {}, {}};
      case SmtpResult::Kind::kRejected:
        log::Warn("mail_rejected",
                  {{"message", message.id}, {"code", result.code}, {"error", result.error}});
        return {Attempt::Kind::kRejected, result.error, {}};
      case SmtpResult::Kind::kTemporary:
        log::Warn("mail_deferred",
                  {{"message", message.id}, {"code", result.code}, {"error", result.error}});
        return {Attempt::Kind::kTemporary, result.error, {}};
      case SmtpResult::Kind::kConnection:
        log::Warn("mail_connection_failed",
                  {{"smtp", RedactedUrl(options_.smtp_url)}, {"error", result.error}});
        return {Attempt::Kind::kConnection, result.error, {}};
      case SmtpResult::Kind::kAborted:
        break;
    }
    return {Attempt::Kind::kAborted, {}, {}};
  }

  void Close() override { smtp_.reset(); }  // QUIT before the outcomes are written

  std::string_view Name() const override { return "mail"; }

 private:
  // The files of a message (its attachments JSON) read from the store; nullopt when one is
  // missing.
  std::optional<std::vector<MimeAttachment>> ReadAttachments(const std::string& attachments) const {
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

  const SenderOptions& options_;
  std::string from_domain_;
  std::unique_ptr<SmtpConnection> smtp_;
};

}  // namespace

time::Micros RetryDelay(const SenderOptions& options, int64_t attempts) {
  const time::Micros base = ToMicros(options.retry_base);
  const time::Micros cap = ToMicros(options.retry_cap);
  time::Micros delay = base;
  for (int64_t i = 1; i < attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

std::unique_ptr<Transport> SmtpTransport(const SenderOptions& options) {
  return std::make_unique<Smtp>(options);
}

Sender::Sender(storage::Database& database, SenderOptions options)
    : database_(database),
      options_(std::move(options)),
      channel_(Channel::kEmail),
      transport_(SmtpTransport(options_)),
      random_(std::random_device{}()) {}

Sender::Sender(storage::Database& database, SenderOptions options, Channel channel,
               std::unique_ptr<Transport> transport)
    : database_(database),
      options_(std::move(options)),
      channel_(channel),
      transport_(std::move(transport)),
      random_(std::random_device{}()) {}

Sender::~Sender() { Stop(); }

void Sender::Start() {
  if (thread_.joinable()) return;
  if (!transport_->Enabled()) return;
  InitialiseCurl();
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
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
    log::Info(std::string(transport_->Name()) + "_sender_stopped");
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
      log::Error(std::string(transport_->Name()) + "_sender_error", {{"what", error.what()}});
    }
    // A full batch that went well: more may be due.
    if (report.claimed == options_.batch_size && !report.connection_failed) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll_interval, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

Sender::BatchReport Sender::DeliverBatch() {
  BatchReport report;
  const time::Micros started = time::Now();
  if (!AnyDue(database_, started, channel_)) return report;
  if (!transport_->Open()) return report;
  const std::string claim_token = crypto::RandomToken(12);
  const time::Micros lease = options_.lease.count() * 1'000'000;
  const auto messages =
      Claim(database_, claim_token, options_.batch_size, started, lease, channel_);
  report.claimed = messages.size();
  if (messages.empty()) {
    transport_->Close();
    return report;
  }

  std::vector<Outcome> outcomes;
  outcomes.reserve(messages.size());
  const auto outcome = [&](const ClaimedMessage& message, Outcome::Kind kind, std::string error,
                           std::string provider_id = {}) {
    outcomes.push_back(
        {message.id, kind, std::move(error), time::Now(), 0, std::move(provider_id)});
  };
  const auto retry_or_fail = [&](const ClaimedMessage& message, std::string error) {
    const int64_t attempts = message.attempts + 1;
    if (attempts >= options_.max_attempts) {
      outcome(message, Outcome::Kind::kFailed, std::move(error));
      ++report.failed;
      return;
    }
    outcome(message, Outcome::Kind::kRetry, std::move(error));
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    outcomes.back().retry_at =
        outcomes.back().at +
        static_cast<time::Micros>(static_cast<double>(RetryDelay(options_, attempts)) *
                                  jitter(random_));
    ++report.retried;
  };
  const time::Micros stop_taking = started + lease / 2;
  std::string connection_error;
  for (const ClaimedMessage& message : messages) {
    if (!connection_error.empty()) {
      retry_or_fail(message, connection_error);
      continue;
    }
    if (stopping_ || time::Now() > stop_taking) {
      outcome(message, Outcome::Kind::kReleased, {});
      ++report.released;
      continue;
    }
    Attempt attempt = transport_->Deliver(message, stopping_);
    switch (attempt.kind) {
      case Attempt::Kind::kSent:
        outcome(message, Outcome::Kind::kSent, {}, std::move(attempt.provider_id));
        ++report.sent;
        break;
      case Attempt::Kind::kRejected:
        outcome(message, Outcome::Kind::kFailed, std::move(attempt.error));
        ++report.failed;
        break;
      case Attempt::Kind::kTemporary:
        retry_or_fail(message, std::move(attempt.error));
        break;
      case Attempt::Kind::kConnection:
        connection_error = attempt.error;
        report.connection_failed = true;
        retry_or_fail(message, std::move(attempt.error));
        break;
      case Attempt::Kind::kAborted:
        outcome(message, Outcome::Kind::kReleased, {});
        ++report.released;
        break;
    }
  }
  transport_->Close();
  Record(database_, claim_token, outcomes);
  log::Info(std::string(transport_->Name()) + "_batch", {{"claimed", report.claimed},
                                                         {"sent", report.sent},
                                                         {"retried", report.retried},
                                                         {"failed", report.failed},
                                                         {"released", report.released},
                                                         {"ms", (time::Now() - started) / 1000}});
  return report;
}

}  // namespace cartera::mail
