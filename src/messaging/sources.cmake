# Sources of the messaging module (issue 11): composed email and WhatsApp to a customer,
# templates, the WhatsApp sender and webhook. See docs/messaging.md.
target_sources(cartera_core PRIVATE
  src/messaging/html_sanitizer.cpp src/messaging/message_routes.cpp
  src/messaging/message_service.cpp src/messaging/phone.cpp src/messaging/placeholders.cpp
  src/messaging/sample_templates.cpp src/messaging/template_repository.cpp
  src/messaging/whatsapp_transport.cpp)
