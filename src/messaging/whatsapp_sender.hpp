#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "mail/sender.hpp"
#include "storage/database.hpp"

// Delivers the WhatsApp messages of the outbox through the WhatsApp Business Cloud API: a
// background thread claims due messages (channel whatsapp) and POSTs each one's template
// request to {whatsapp_api_base_url}/{phone_number_id}/messages with the access token, read
// from the settings at every batch. 2xx: sent (the API's message id kept for status updates);
// 4xx: failed with the API's error; 5xx, time-out or no connection: retried with the mail
// sender's backoff. Several processes never send one message twice (claims skip locked rows).
namespace cartera::messaging {

class WhatsAppSender {
 public:
  // `options`: the retry, batch, poll and lease settings of the mail sender.
  WhatsAppSender(storage::Database& database, mail::SenderOptions options);
  ~WhatsAppSender();
  WhatsAppSender(const WhatsAppSender&) = delete;
  WhatsAppSender& operator=(const WhatsAppSender&) = delete;

  void Start();
  void Wake();
  void Stop();

  struct BatchReport {
    size_t claimed = 0, sent = 0, retried = 0, failed = 0, released = 0;
  };
  BatchReport DeliverBatch();

 private:
  void Run();

  storage::Database& database_;
  const mail::SenderOptions options_;
  std::mt19937_64 random_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace cartera::messaging
