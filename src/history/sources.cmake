# Sources of the history module (issue 4): the customer timeline (F8), comments and files (F9).
target_sources(cartera_core PRIVATE
  src/history/attachment_store.cpp src/history/event_log.cpp src/history/file_type.cpp src/history/history_event.cpp
  src/history/history_repository.cpp src/history/history_routes.cpp
  src/history/history_service.cpp)
