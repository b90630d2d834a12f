#include "messaging/whatsapp_transport.hpp"

#include <curl/curl.h>

#include <boost/json.hpp>

#include "common/log.hpp"
#include "settings/settings.hpp"

namespace cartera::messaging {
namespace {

namespace json = boost::json;

constexpr std::chrono::seconds kTimeout{15};

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

// A JSON member path's string (messages[0].id, error.message), or "".
std::string StringAt(const std::string& body, std::string_view first, std::string_view second) {
  boost::system::error_code error;
  const auto parsed = json::parse(body, error);
  if (error || !parsed.is_object()) return "";
  const json::value* value = parsed.get_object().if_contains(first);
  if (value && value->is_array()) {
    value = value->get_array().empty() ? nullptr : &value->get_array()[0];
  }
  if (!value || !value->is_object()) return "";
  value = value->get_object().if_contains(second);
  return value && value->is_string() ? std::string(value->get_string()) : "";
}

class CloudApi final : public mail::Transport {
 public:
  explicit CloudApi(storage::Database& database) : database_(database) {}
  ~CloudApi() override { Close(); }

  bool Enabled() const override { return true; }

  bool Open() override {
    settings::Settings store;
    {
      auto connection = database_.Acquire();
      store = settings::Load(*connection);
    }
    if (!store.WhatsAppConfigured()) return false;
    std::string base = store.whatsapp_api_base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    url_ = base + "/" + store.whatsapp_phone_number_id + "/messages";
    authorization_ = "Authorization: Bearer " + store.whatsapp_access_token;
    if (!curl_) curl_ = curl_easy_init();
    return curl_ != nullptr;
  }

  mail::Attempt Deliver(const mail::ClaimedMessage& message,
                        const std::atomic<bool>& stopping) override {
    if (stopping) return {mail::Attempt::Kind::kAborted, {}, {}};
    const HttpAnswer answer = Post(message.payload.value_or("{}"));
    if (answer.status >= 200 && answer.status < 300) {
      return {mail::Attempt::Kind::kSent, {}, StringAt(answer.body, "messages", "id")};
    }
    std::string error =
        answer.status == 0 ? answer.error : StringAt(answer.body, "error", "message");
    if (error.empty()) error = "HTTP " + std::to_string(answer.status);
    error = error.substr(0, 500);
    if (answer.status >= 400 && answer.status < 500 && answer.status != 429) {
      log::Warn("whatsapp_rejected", {{"message", message.id}, {"status", answer.status}});
      return {mail::Attempt::Kind::kRejected, std::move(error), {}};
    }
    log::Warn("whatsapp_deferred", {{"message", message.id}, {"error", error}});
    return {answer.status == 0 ? mail::Attempt::Kind::kConnection : mail::Attempt::Kind::kTemporary,
            std::move(error),
            {}};
  }

  void Close() override {
    if (curl_) curl_easy_cleanup(curl_);
    curl_ = nullptr;
  }

  std::string_view Name() const override { return "whatsapp"; }

 private:
  // One POST on the batch's handle (its connection is kept alive between messages).
  HttpAnswer Post(const std::string& payload) {
    HttpAnswer answer;
    curl_easy_reset(curl_);
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, authorization_.c_str());
    curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &answer.body);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(kTimeout.count()));
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode code = curl_easy_perform(curl_);
    if (code == CURLE_OK) {
      curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &answer.status);
    } else {
      answer.error = curl_easy_strerror(code);
    }
    curl_slist_free_all(headers);
    return answer;
  }

  storage::Database& database_;
  CURL* curl_ = nullptr;
  std::string url_, authorization_;
};

}  // namespace

std::unique_ptr<mail::Transport> WhatsAppTransport(storage::Database& database) {
  return std::make_unique<CloudApi>(database);
}

}  // namespace cartera::messaging
