#include "new_file.hpp"

#include "qlfit/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace qlfit::storage {

void cannot(const std::string& path, const char* what) {
  throw Error(ErrorCode::kStorage,
              "sync folder: " + path + " cannot be " + what + ": " + std::strerror(errno));
}

void make_folder(const std::string& path) {
  // Only the last component: a missing parent fails (ENOENT), never a fresh tree.
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    cannot(path, "created");
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    errno = ENOTDIR;
    cannot(path, "used");
  }
}

void sync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

NewFile::NewFile(std::string path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0)
    cannot(path_, "written");
}

NewFile::~NewFile() {
  if (fd_ >= 0)
    ::close(fd_);
  if (!path_.empty())
    ::unlink(path_.c_str());  // not renamed: a failed or abandoned write leaves nothing
}

void NewFile::line(const std::string& text) {
  buffer_ += text;
  buffer_ += '\n';
  if (buffer_.size() > std::size_t{64} * 1024)
    flush();
}

void NewFile::flush_all() {
  flush();
  const int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0) {
    const int reason = errno;
    ::close(fd);
    errno = reason;
    cannot(path_, "written");
  }
  if (::close(fd) != 0)
    cannot(path_, "written");
}

void NewFile::rename_to(const std::string& final_path) {
  if (::rename(path_.c_str(), final_path.c_str()) != 0)
    cannot(final_path, "written");
  path_.clear();
}

void NewFile::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t wrote = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (wrote < 0 && errno == EINTR)
      continue;
    if (wrote <= 0) {
      if (wrote == 0)
        errno = ENOSPC;
      cannot(path_, "written");
    }
    done += static_cast<std::size_t>(wrote);
  }
  buffer_.clear();
}

}  // namespace qlfit::storage
