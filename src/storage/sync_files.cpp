#include "sync_files.hpp"

#include "qlfit/error.hpp"

#include "new_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace qlfit::storage {

namespace {

[[noreturn]] void linked(const std::string& path) {
  throw Error(ErrorCode::kStorage, "sync folder: " + path +
                                       " cannot be used: it is a symbolic link, and qlfit writes "
                                       "only into a folder of its own (remove the link)");
}

}  // namespace

void refuse_link(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode))
    linked(path);
}

void own_folder(const std::string& path) {
  const std::string parent = std::filesystem::path(path).parent_path().string();
  make_folder(parent);
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    cannot(path, "created");
  // Opened without following a link: the mode is changed on this very folder, or nothing.
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode))
      linked(path);
    if (errno == ENOTDIR)
      throw Error(ErrorCode::kStorage, "sync folder: " + path + " cannot be used: not a folder");
    cannot(path, "opened");
  }
  struct stat info {};
  const bool mine = ::fstat(fd, &info) == 0 && info.st_uid == ::geteuid();
  const bool tightened = mine && ((info.st_mode & 07777) == 0700 || ::fchmod(fd, 0700) == 0);
  const int saved = errno;
  ::close(fd);
  if (!mine) {
    throw Error(ErrorCode::kStorage, "sync folder: " + path +
                                         " cannot be used: it belongs to another user, and qlfit "
                                         "writes only into a folder of its own");
  }
  if (!tightened) {
    errno = saved;
    cannot(path, "made private (mode 0700)");
  }
}

SyncFileReader::SyncFileReader(const std::string& path, std::size_t longest_line)
    : longest_(longest_line) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    if (errno == ELOOP)
      throw Error(ErrorCode::kInvalidInput, "a symbolic link (not followed)");
    throw Error(ErrorCode::kInvalidInput,
                std::string("cannot be read (") + std::strerror(errno) + ")");
  }
  struct stat info {};
  if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw Error(ErrorCode::kInvalidInput, "not a qlfit sync file");
  }
}

SyncFileReader::~SyncFileReader() {
  if (fd_ >= 0)
    ::close(fd_);
}

bool SyncFileReader::next(std::string& line) {
  for (;;) {
    const std::size_t end = buffer_.find('\n', at_);
    if (end != std::string::npos || (ended_ && at_ < buffer_.size())) {
      const std::size_t stop = end == std::string::npos ? buffer_.size() : end;
      line.assign(buffer_, at_, stop - at_);
      at_ = end == std::string::npos ? buffer_.size() : end + 1;
      if (line.size() > longest_)
        throw Error(ErrorCode::kInvalidInput, "damaged (a line longer than any qlfit writes)");
      return true;
    }
    if (ended_)
      return false;
    if (buffer_.size() - at_ > longest_)
      throw Error(ErrorCode::kInvalidInput, "damaged (a line longer than any qlfit writes)");
    buffer_.erase(0, at_);
    at_ = 0;
    char chunk[65536];
    const ssize_t got = ::read(fd_, chunk, sizeof chunk);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorCode::kInvalidInput,
                  std::string("cannot be read (") + std::strerror(errno) + ")");
    }
    if (got == 0)
      ended_ = true;
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
}

}  // namespace qlfit::storage
