#include "messaging/whatsapp_sender.hpp"

#include <curl/curl.h>

#include <boost/json.hpp>

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "mail/outbox.hpp"
#include "mail/smtp_client.hpp"
#include "settings/settings.hpp"

namespace cartera::messaging {
namespace {

namespace json = boost::json;

struct HttpAnswer {
  long status = 0;  // 0: no answer (connection, time-out)
  std::string body;
  std::string error;  // curl's, when status is 0
};

size_t Collect(char* data, size_t size, size_t count, void* target) {
  auto* body = static_cast<std::string*>(target);
  if (body->size() > 1'000'000) return 0;  // an answer this big is not the API's
  body->append(data, size * count);
  return size * count;
}

HttpAnswer Post(const std::string& url, const std::string& token, const std::string& payload,
                std::chrono::seconds timeout) {
  HttpAnswer answer;
  CURL* curl = curl_easy_init();
  if (!curl) {
    answer.error = "curl_easy_init failed";
    return answer;
  }
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  const std::string authorization = "Authorization: Bearer " + token;
  headers = curl_slist_append(headers, authorization.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  } else {
    answer.error = curl_easy_strerror(code);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return answer;
}

// The API's error message ({"error":{"message":…}}), or the status.
std::string ErrorOf(const HttpAnswer& answer) {
  boost::system::error_code error;
  const auto parsed = json::parse(answer.body, error);
  if (!error && parsed.is_object()) {
    if (const auto* object = parsed.get_object().if_contains("error");
        object && object->is_object()) {
      if (const auto* message = object->get_object().if_contains("message");
          message && message->is_string()) {
        return std::string(message->get_string()).substr(0, 500);
      }
    }
  }
  return "HTTP " + std::to_string(answer.status);
}

std::string MessageIdOf(const std::string& body) {
  boost::system::error_code error;
  const auto parsed = json::parse(body, error);
  if (error || !parsed.is_object()) return "";
  const auto* messages = parsed.get_object().if_contains("messages");
  if (!messages || !messages->is_array() || messages->get_array().empty()) return "";
  const auto& first = messages->get_array()[0];
  if (!first.is_object()) return "";
  const auto* id = first.get_object().if_contains("id");
  return id && id->is_string() ? std::string(id->get_string()) : "";
}

}  // namespace

WhatsAppSender::WhatsAppSender(storage::Database& database, mail::SenderOptions options)
    : database_(database), options_(std::move(options)), random_(std::random_device{}()) {}

WhatsAppSender::~WhatsAppSender() { Stop(); }

void WhatsAppSender::Start() {
  if (thread_.joinable()) return;
  mail::InitialiseCurl();
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void WhatsAppSender::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void WhatsAppSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void WhatsAppSender::Run() {
  while (!stopping_) {
    BatchReport report;
    try {
      report = DeliverBatch();
    } catch (const std::exception& error) {
      log::Error("whatsapp_sender_error", {{"what", error.what()}});
    }
    if (report.claimed == options_.batch_size) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll_interval, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

WhatsAppSender::BatchReport WhatsAppSender::DeliverBatch() {
  BatchReport report;
  const time::Micros started = time::Now();
  if (!mail::AnyDue(database_, started, mail::Channel::kWhatsApp)) return report;
  settings::Settings store;
  {
    auto connection = database_.Acquire();
    store = settings::Load(*connection);
  }
  // Not configured (yet): the messages wait, queued, for the settings.
  if (!store.WhatsAppConfigured()) return report;
  const std::string claim_token = crypto::RandomToken(12);
  const time::Micros lease = options_.lease.count() * 1'000'000;
  const auto messages = mail::Claim(database_, claim_token, options_.batch_size, started, lease,
                                    mail::Channel::kWhatsApp);
  report.claimed = messages.size();
  std::string base = store.whatsapp_api_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string url = base + "/" + store.whatsapp_phone_number_id + "/messages";
  std::vector<mail::Outcome> outcomes;
  const auto retry_or_fail = [&](const mail::ClaimedMessage& message, std::string error) {
    const int64_t attempts = message.attempts + 1;
    mail::Outcome outcome{message.id, mail::Outcome::Kind::kRetry, std::move(error), time::Now(), 0,
                          {}};
    if (attempts >= options_.max_attempts) {
      outcome.kind = mail::Outcome::Kind::kFailed;
      ++report.failed;
    } else {
      std::uniform_real_distribution<double> jitter(0.8, 1.2);
      outcome.retry_at =
          outcome.at +
          static_cast<time::Micros>(static_cast<double>(mail::RetryDelay(options_, attempts)) *
                                    jitter(random_));
      ++report.retried;
    }
    outcomes.push_back(std::move(outcome));
  };
  for (const auto& message : messages) {
    if (stopping_) {
      outcomes.push_back({message.id, mail::Outcome::Kind::kReleased, {}, time::Now(), 0, {}});
      ++report.released;
      continue;
    }
    const HttpAnswer answer = Post(url, store.whatsapp_access_token, message.payload.value_or("{}"),
                                   std::chrono::seconds(15));
    if (answer.status >= 200 && answer.status < 300) {
      outcomes.push_back(
          {message.id, mail::Outcome::Kind::kSent, {}, time::Now(), 0, MessageIdOf(answer.body)});
      ++report.sent;
    } else if (answer.status >= 400 && answer.status < 500 && answer.status != 429) {
      log::Warn("whatsapp_rejected", {{"message", message.id}, {"status", answer.status}});
      outcomes.push_back(
          {message.id, mail::Outcome::Kind::kFailed, ErrorOf(answer), time::Now(), 0, {}});
      ++report.failed;
    } else {
      const std::string error = answer.status == 0 ? answer.error : ErrorOf(answer);
      log::Warn("whatsapp_deferred", {{"message", message.id}, {"error", error}});
      retry_or_fail(message, error);
    }
  }
  mail::Record(database_, claim_token, outcomes);
  return report;
}

}  // namespace cartera::messaging
