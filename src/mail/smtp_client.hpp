#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

// One SMTP connection through libcurl, reused for several messages: smtp:// (upgraded with
// STARTTLS when the server offers it) or smtps://, credentials from the URL's userinfo
// ("smtp://user:password@host:587"). The URL is never logged as given (see RedactedUrl).
namespace cartera::mail {

struct SmtpResult {
  enum class Kind {
    kAccepted,    // the server took the message (250 after DATA)
    kRejected,    // permanent (5xx) refusal of the recipient or of the message: do not retry
    kTemporary,   // 4xx, or a refusal of the sender address: retry later
    kConnection,  // no conversation (connect, TLS, sign-in, time-out): retry later; the
                  // connection is unusable, so the rest of a batch should wait too
    kAborted,     // stopped by the abort flag before the server answered
  };
  Kind kind = Kind::kAccepted;
  long code = 0;      // the server's last reply code, 0 when none
  std::string error;  // the server's reply line or libcurl's message; never the password
};

class SmtpConnection {
 public:
  // `ca_file`: the CA certificates that may sign the server's TLS certificate (empty: the
  // system's). `abort` (may be null) stops a transfer in progress when it becomes true.
  SmtpConnection(const std::string& url, const std::string& ca_file, std::chrono::seconds timeout,
                 const std::atomic<bool>* abort);
  ~SmtpConnection();  // says QUIT
  SmtpConnection(const SmtpConnection&) = delete;
  SmtpConnection& operator=(const SmtpConnection&) = delete;

  // Sends `message` (CRLF line ends; curl does the dot-stuffing) from `from_address` to
  // `to_address` (plain addresses) over the connection, opening it first when needed.
  SmtpResult Send(std::string_view from_address, std::string_view to_address,
                  std::string_view message);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// Initialises libcurl once for the process (thread-safe).
void InitialiseCurl();

// `url` without its userinfo: "smtp://user:secret@host:587" -> "smtp://host:587".
std::string RedactedUrl(std::string_view url);

}  // namespace cartera::mail
