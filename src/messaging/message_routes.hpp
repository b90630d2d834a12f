#pragma once

#include "http/router.hpp"
#include "messaging/message_service.hpp"

namespace cartera::messaging {

// The messaging endpoints of docs/messaging.md: messages of a customer, templates, the
// WhatsApp link and webhook.
void RegisterRoutes(http::Router& router, MessageService& messages);

}  // namespace cartera::messaging
