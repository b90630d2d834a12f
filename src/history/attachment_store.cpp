#include "history/attachment_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/crypto.hpp"

namespace cartera::history {
namespace {

[[noreturn]] void Fail(std::string_view what, const std::filesystem::path& path) {
  throw std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

// Closes a descriptor on every way out.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

void SyncFolder(const std::filesystem::path& folder) {
  Descriptor dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0 || ::fsync(dir.fd) != 0) Fail("cannot sync folder", folder);
}

bool IsHexSha256(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::filesystem::path AttachmentStore::PathOf(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::string AttachmentStore::Put(std::string_view content) const {
  const std::string sha256 = crypto::Sha256Hex(content);
  const std::filesystem::path target = PathOf(sha256);
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0 &&
      static_cast<size_t>(existing.st_size) == content.size()) {
    return sha256;  // stored before: same hash, same size
  }
  const std::filesystem::path folder = target.parent_path();
  std::error_code error;
  const bool created = std::filesystem::create_directories(folder, error);
  if (error) {
    errno = error.value();
    Fail("cannot create folder", folder);
  }
  if (created) SyncFolder(folder.parent_path());  // the new folder's own entry
  const std::filesystem::path temporary = folder / (".tmp-" + crypto::RandomToken(12));
  {
    Descriptor file{
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR)};
    if (file.fd < 0) Fail("cannot create", temporary);
    size_t written = 0;
    while (written < content.size()) {
      const ssize_t n = ::write(file.fd, content.data() + written, content.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        errno = saved;
        Fail("cannot write", temporary);
      }
      written += static_cast<size_t>(n);
    }
    if (::fsync(file.fd) != 0) {
      const int saved = errno;
      ::unlink(temporary.c_str());
      errno = saved;
      Fail("cannot sync", temporary);
    }
  }
  // Two uploads of the same content may race here; both files are complete and identical, so
  // whichever rename lands last is as good as the first.
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    Fail("cannot rename into", target);
  }
  SyncFolder(folder);
  return sha256;
}

std::optional<std::string> AttachmentStore::Read(std::string_view sha256) const {
  if (!IsHexSha256(sha256)) return std::nullopt;
  const std::filesystem::path path = PathOf(sha256);
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    Fail("cannot open", path);
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) Fail("cannot stat", path);
  std::string content(static_cast<size_t>(info.st_size), '\0');
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::read(file.fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail("cannot read", path);
    if (n == 0) break;  // shorter than it was a moment ago: give what is there
    done += static_cast<size_t>(n);
  }
  content.resize(done);
  return content;
}

}  // namespace cartera::history
