#include "mail/smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <stdexcept>

namespace cartera::mail {

struct SmtpConnection::State {
  CURL* curl = nullptr;
  const std::atomic<bool>* abort = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  std::string last_reply;  // the server's last refusal (4xx, 5xx) in this transfer
  // The message being uploaded.
  std::string_view body;
  size_t offset = 0;
};

namespace {

size_t ReadBody(char* buffer, size_t size, size_t count, void* user) {
  auto* state = static_cast<SmtpConnection::State*>(user);
  const size_t room = size * count;
  const size_t left = state->body.size() - state->offset;
  const size_t length = std::min(room, left);
  std::copy_n(state->body.data() + state->offset, length, buffer);
  state->offset += length;
  return length;
}

// libcurl hands every reply line of the server to the header callback: keep the last refusal
// (4xx or 5xx), its reason ("550 5.1.1 <x@example.com>: Recipient address rejected"); after
// it come only the QUIT's "221 Bye" and the like.
size_t KeepReply(char* buffer, size_t size, size_t count, void* user) {
  auto* state = static_cast<SmtpConnection::State*>(user);
  std::string_view line(buffer, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.size() >= 3 && (line[0] == '4' || line[0] == '5')) {
    state->last_reply.assign(line.substr(0, 300));
  }
  return size * count;
}

int CheckAbort(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* state = static_cast<const SmtpConnection::State*>(user);
  // Once the whole message is out, the server's answer is awaited even when stopping: the
  // server may have taken the message, and giving it up here would send it twice.
  const bool uploaded = state->offset == state->body.size();
  return state->abort && state->abort->load() && !uploaded ? 1 : 0;
}

template <typename T>
void Set(CURL* curl, CURLoption option, T value) {
  if (curl_easy_setopt(curl, option, value) != CURLE_OK) {
    throw std::runtime_error("libcurl refused an SMTP option");
  }
}

bool IsConnectionError(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
    case CURLE_LOGIN_DENIED:
    case CURLE_GOT_NOTHING:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_AUTH_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

void InitialiseCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string RedactedUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "(not a URL)";
  const size_t authority = scheme + 3;
  const size_t end = std::min(url.find('/', authority), url.size());
  const size_t at = url.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url.substr(0, end));
  return std::string(url.substr(0, authority)) + std::string(url.substr(at + 1, end - at - 1));
}

SmtpConnection::SmtpConnection(const std::string& url, const std::string& ca_file,
                               std::chrono::seconds timeout, const std::atomic<bool>* abort)
    : state_(std::make_unique<State>()) {
  InitialiseCurl();
  state_->abort = abort;
  state_->curl = curl_easy_init();
  if (!state_->curl) throw std::runtime_error("libcurl could not start");
  CURL* curl = state_->curl;
  Set(curl, CURLOPT_URL, url.c_str());
  Set(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // STARTTLS when the server offers it; smtps:// is TLS from the start anyway.
  Set(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!ca_file.empty()) Set(curl, CURLOPT_CAINFO, ca_file.c_str());
  Set(curl, CURLOPT_NOSIGNAL, 1L);
  Set(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<int64_t>(timeout.count(), 30)));
  Set(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  Set(curl, CURLOPT_ERRORBUFFER, state_->error);
  Set(curl, CURLOPT_UPLOAD, 1L);
  Set(curl, CURLOPT_READFUNCTION, &ReadBody);
  Set(curl, CURLOPT_READDATA, state_.get());
  Set(curl, CURLOPT_HEADERFUNCTION, &KeepReply);
  Set(curl, CURLOPT_HEADERDATA, state_.get());
  Set(curl, CURLOPT_XFERINFOFUNCTION, &CheckAbort);
  Set(curl, CURLOPT_XFERINFODATA, state_.get());
  Set(curl, CURLOPT_NOPROGRESS, 0L);
}

SmtpConnection::~SmtpConnection() {
  if (state_->curl) curl_easy_cleanup(state_->curl);
}

SmtpResult SmtpConnection::Send(std::string_view from_address, std::string_view to_address,
                                std::string_view message) {
  CURL* curl = state_->curl;
  const std::string from = "<" + std::string(from_address) + ">";
  const std::string to = "<" + std::string(to_address) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  if (!recipients) throw std::bad_alloc();
  state_->body = message;
  state_->offset = 0;
  state_->error[0] = '\0';
  state_->last_reply.clear();
  Set(curl, CURLOPT_MAIL_FROM, from.c_str());
  Set(curl, CURLOPT_MAIL_RCPT, recipients);
  Set(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  const CURLcode code = curl_easy_perform(curl);
  Set(curl, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
  curl_slist_free_all(recipients);

  SmtpResult result;
  if (code == CURLE_OK) return result;
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  result.code = reply;
  const std::string_view detail = state_->error[0] ? state_->error : curl_easy_strerror(code);
  result.error = !state_->last_reply.empty() && reply >= 400
                     ? state_->last_reply + " (" + std::string(detail) + ")"
                     : std::string(detail);
  if (code == CURLE_ABORTED_BY_CALLBACK) {
    result.kind = SmtpResult::Kind::kAborted;
  } else if (IsConnectionError(code) || reply < 400 || reply > 599) {
    result.kind = SmtpResult::Kind::kConnection;
  } else if (reply >= 500 && std::string_view(state_->error).rfind("MAIL", 0) != 0) {
    // A 5xx to RCPT TO, DATA or the end of the data refuses this message for good. A 5xx to
    // MAIL FROM refuses our sender address: a setting to fix, after which the mail should go.
    result.kind = SmtpResult::Kind::kRejected;
  } else {
    result.kind = SmtpResult::Kind::kTemporary;
  }
  return result;
}

}  // namespace cartera::mail
