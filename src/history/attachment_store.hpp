#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// The bytes of attachments (F9), content-addressed on disk: <root>/<sha256[0:2]>/<sha256>.
// Identical content is stored once, however many records name it.
namespace cartera::history {

class AttachmentStore {
 public:
  // `root` is <data-dir>/attachments; it and its subfolders are created on the first write.
  explicit AttachmentStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores `content` unless a file with its hash is already there, and returns the lower-case
  // hex SHA-256. The file is written under a temporary name in the same folder, flushed to
  // disk (fsync), renamed into place and the folder flushed, so a file under a hash name is
  // always complete. Throws std::runtime_error when the disk refuses (full, read-only).
  std::string Put(std::string_view content) const;

  // The content stored under `sha256`, or nullopt when there is no such file.
  // Throws std::runtime_error when the file exists but cannot be read.
  std::optional<std::string> Read(std::string_view sha256) const;

  std::filesystem::path PathOf(std::string_view sha256) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace cartera::history
