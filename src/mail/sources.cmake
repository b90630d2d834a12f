# Sources of the mail module (issue 5): the outbox, templates, MIME, the SMTP sender, the API.
# The templates (src/mail/templates) are compiled into the binary like the migrations.
file(GLOB CARTERA_MAIL_TEMPLATES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/mail/templates/*)
cartera_embed(${CMAKE_BINARY_DIR}/embedded_mail_templates.cpp MailTemplates
              ${CMAKE_SOURCE_DIR}/src/mail/templates ${CARTERA_MAIL_TEMPLATES})
target_sources(cartera_core PRIVATE
  ${CMAKE_BINARY_DIR}/embedded_mail_templates.cpp
  src/mail/mime.cpp src/mail/outbox_repository.cpp src/mail/sender.cpp
  src/mail/smtp_client.cpp src/mail/template_engine.cpp src/mail/templates.cpp
  src/mail/test_mail.cpp)
