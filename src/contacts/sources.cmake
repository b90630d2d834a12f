# Contacts of a customer and their accounts (F10, F11, F22).
target_sources(cartera_core PRIVATE
  src/contacts/contact.cpp src/contacts/contact_repository.cpp src/contacts/contact_routes.cpp
  src/contacts/contact_service.cpp src/contacts/contact_tokens.cpp)
