#pragma once

#include <memory>

#include "mail/sender.hpp"
#include "storage/database.hpp"

// WhatsApp through the WhatsApp Business Cloud API, as a transport of the outbox's sender
// (mail::Sender with Channel::kWhatsApp): each message's template request (built when it was
// queued) is POSTed to {whatsapp_api_base_url}/{phone_number_id}/messages with the access
// token, both read from the settings before every batch, so a change applies without a
// restart. 2xx: sent (the API's message id kept to match status webhooks); 4xx but 429:
// failed with the API's error message; 429, 5xx, time-out or no connection: retried with the
// sender's backoff. Until the store configures WhatsApp, messages wait, queued.
namespace cartera::messaging {

std::unique_ptr<mail::Transport> WhatsAppTransport(storage::Database& database);

}  // namespace cartera::messaging
