#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "history/attachment_store.hpp"
#include "history/history_event.hpp"
#include "history/history_repository.hpp"
#include "storage/database.hpp"

// A customer's history (F8): every event newest first, filtered by kind; comments and files
// posted into it (F9).
namespace cartera::history {

inline constexpr size_t kMaxCommentLength = 5000;
inline constexpr size_t kMaxFileBytes = 20 * 1024 * 1024;  // 20 MiB per file

struct HistoryPage {
  std::vector<Event> items;
  std::optional<std::string> next_cursor;
};

// The staff user who writes.
struct Author {
  int64_t id = 0;
  std::string name;
};

class HistoryService {
 public:
  // Files go to <data_directory>/attachments.
  HistoryService(storage::Database& database, const std::filesystem::path& data_directory)
      : database_(database), store_(data_directory / "attachments") {}

  // Newest first; `kinds` empty means every kind. Errors: kNotFound (customer),
  // kInvalidArgument (cursor).
  Result<HistoryPage> List(int64_t customer_id, const std::vector<std::string>& kinds,
                           std::optional<std::string> cursor, int64_t limit);

  // The events that concern contact `contact_id` (customer_events.contact_id), newest first,
  // the same page shape. Errors: kNotFound (contact), kInvalidArgument (cursor).
  Result<HistoryPage> ListForContact(int64_t contact_id, const std::vector<std::string>& kinds,
                                     std::optional<std::string> cursor, int64_t limit);

  // Records a comment_added event. Errors: kNotFound (customer).
  Result<Event> AddComment(int64_t customer_id, std::string body, const Author& author);

  // Stores `content` (its type sniffed, `filename` sanitised) and records the attachment and an
  // attachment_added event (with `comment` as its body) in one transaction. The file is written
  // before the transaction; if that fails, the file stays unreferenced, which is harmless: it
  // is content-addressed, and a later upload of the same bytes reuses it.
  // Errors: kNotFound (customer), kTooLarge (over kMaxFileBytes), kValidation naming `file`
  // (`required` when empty, `unsupported_type` for a type not accepted).
  Result<Event> AddAttachment(int64_t customer_id, std::string_view content,
                              std::string_view filename, std::optional<std::string> comment,
                              const Author& author);

  std::optional<Attachment> FindAttachment(int64_t id);
  // The bytes of `attachment`; nullopt when its file is missing from the data directory.
  std::optional<std::string> ReadContent(const Attachment& attachment) const;

  const AttachmentStore& store() const { return store_; }

 private:
  storage::Database& database_;
  AttachmentStore store_;
  HistoryRepository repository_;
};

}  // namespace cartera::history
