// Named files: read in pieces, and replaced whole or not at all (LocalFiles).
#include "qlfit/error.hpp"

#include "system.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace qlfit::system {
namespace {

// The temporary file replace() holds, kept where a signal handler may read it: fixed
// storage, since a handler may not allocate. Then SQLite's companions of it.
constexpr std::size_t kPathRoom = 4096 + 16;
constexpr std::array<const char*, 4> kCompanions{"", "-journal", "-wal", "-shm"};
constexpr std::array<int, 3> kCleanupSignals{SIGINT, SIGTERM, SIGHUP};
std::array<std::array<char, kPathRoom>, kCompanions.size()> g_temporaries{};
volatile std::sig_atomic_t g_temporary_count = 0;

extern "C" void remove_temporaries_and_reraise(int signal) {
  for (std::sig_atomic_t i = 0; i < g_temporary_count; ++i)
    ::unlink(g_temporaries[static_cast<std::size_t>(i)].data());
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  ::sigemptyset(&fallback.sa_mask);
  ::sigaction(signal, &fallback, nullptr);
  ::raise(signal);
}

// An empty temporary file (0600) in `folder`, named after `target`: ".NAME.qlfit-XXXXXX".
// Removed with its companions when it goes, unless kept; while it exists, SIGINT,
// SIGTERM and SIGHUP (when they would end qlfit anyway) remove them first.
class Temporary {
 public:
  Temporary(const std::string& folder, const std::string& target) : target_(target) {
    const std::string name = std::filesystem::path(target).filename().string();
    path_ = (std::filesystem::path(folder.empty() ? "." : folder) / ("." + name + ".qlfit-XXXXXX"))
                .string();
    // The signals wait until the file is made and guarded, so none can come in between.
    sigset_t blocked;
    sigset_t before;
    ::sigemptyset(&blocked);
    for (const int signal : kCleanupSignals)
      ::sigaddset(&blocked, signal);
    ::sigprocmask(SIG_BLOCK, &blocked, &before);
    const int fd = ::mkostemp(path_.data(), O_CLOEXEC);
    const int reason = errno;
    if (fd >= 0) {
      ::fchmod(fd, 0600);
      ::close(fd);
      guard();
    }
    ::sigprocmask(SIG_SETMASK, &before, nullptr);
    if (fd < 0)
      throw Error(ErrorCode::kStorage, target + " cannot be written: " + std::strerror(reason));
  }
  ~Temporary() {
    if (!kept_) {
      for (const char* companion : kCompanions)
        ::unlink((path_ + companion).c_str());
    }
    for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) {
      if (guarded_[i])
        ::sigaction(kCleanupSignals[i], &previous_[i], nullptr);
    }
    g_temporary_count = 0;
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  const std::string& path() const { return path_; }
  const std::string& target() const { return target_; }
  // It became the target: nothing to remove.
  void keep() { kept_ = true; }

 private:
  void guard() {
    if (path_.size() + std::strlen("-journal") >= kPathRoom)
      return;
    for (std::size_t i = 0; i < kCompanions.size(); ++i) {
      const std::string name = path_ + kCompanions[i];
      std::copy(name.begin(), name.end(), g_temporaries[i].begin());
      g_temporaries[i][name.size()] = '\0';
    }
    g_temporary_count = static_cast<std::sig_atomic_t>(kCompanions.size());
    struct sigaction cleanup {};
    cleanup.sa_handler = remove_temporaries_and_reraise;
    ::sigemptyset(&cleanup.sa_mask);
    for (const int signal : kCleanupSignals)
      ::sigaddset(&cleanup.sa_mask, signal);
    for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) {
      // An ignored signal stays ignored (nohup); one a caller handles is left to it.
      if (::sigaction(kCleanupSignals[i], nullptr, &previous_[i]) == 0 &&
          (previous_[i].sa_flags & SA_SIGINFO) == 0 && previous_[i].sa_handler == SIG_DFL) {
        guarded_[i] = ::sigaction(kCleanupSignals[i], &cleanup, nullptr) == 0;
      }
    }
  }

  std::string target_;
  std::string path_;
  bool kept_ = false;
  std::array<struct sigaction, kCleanupSignals.size()> previous_{};
  std::array<bool, kCleanupSignals.size()> guarded_{};
};

// Whether `path` reaches its file through /proc (/dev/stdout, /dev/fd/N): such a link
// names a file qlfit holds open, not a place where a file can be replaced.
bool through_proc(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code failed;
    const auto absolute = std::filesystem::absolute(path, failed);
    const auto folder = std::filesystem::canonical(absolute.parent_path(), failed);
    if (!failed && folder.string().rfind("/proc/", 0) == 0)
      return true;
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode))
      return false;
    const auto target = std::filesystem::read_symlink(path, failed);
    if (failed)
      return false;
    path = (target.is_absolute() ? target : absolute.parent_path() / target).string();
  }
  return false;
}

// A file descriptor, closed when it goes.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes it now; false when that reports an error (a write that failed late).
  bool close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

// Copies the bytes of `from` into the existing `path`, opened for writing without
// creating or truncating it (at its end when it is a regular file, as `>>` would).
void copy_into(const std::string& from, const std::string& path, bool append) {
  const Fd source(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  Fd target(source.get() < 0
                ? -1
                : ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | (append ? O_APPEND : 0)));
  std::array<char, 65536> buffer{};
  bool failed = target.get() < 0;
  while (!failed) {
    const ssize_t got = ::read(source.get(), buffer.data(), buffer.size());
    if (got == 0 && target.close())
      return;
    failed = got == 0 || (got < 0 && errno != EINTR);
    for (ssize_t sent = 0; !failed && sent < got;) {
      const ssize_t now =
          ::write(target.get(), buffer.data() + sent, static_cast<std::size_t>(got - sent));
      sent += std::max<ssize_t>(now, 0);
      failed = now == 0 || (now < 0 && errno != EINTR);
    }
  }
  throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
}

}  // namespace

std::function<std::string_view()> LocalFiles::pieces(const std::string& path) {
  const int fd = path == "-" ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
                             : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    const std::string reason = fd < 0 ? std::strerror(errno) : "it is a folder";
    if (fd >= 0)
      ::close(fd);
    throw Error(ErrorCode::kStorage, path + " cannot be read: " + reason);
  }
  struct Open {
    int fd = -1;
    std::string buffer = std::string(std::size_t{64} * 1024, '\0');
    Open() = default;
    Open(const Open&) = delete;
    Open& operator=(const Open&) = delete;
    ~Open() {
      if (fd >= 0)
        ::close(fd);
    }
  };
  auto file = std::make_shared<Open>();
  file->fd = fd;
  return [file, path]() -> std::string_view {
    ssize_t got = -1;
    do {
      got = ::read(file->fd, file->buffer.data(), file->buffer.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0)
      throw Error(ErrorCode::kStorage, path + " cannot be read: " + std::strerror(errno));
    return std::string_view(file->buffer.data(), static_cast<std::size_t>(got));
  };
}

void LocalFiles::replace(const std::string& path,
                         const std::function<void(const std::string& temporary)>& fill) {
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode))
    throw Error(ErrorCode::kStorage, path + " cannot be written: it is a folder");
  if (exists && (!S_ISREG(info.st_mode) || through_proc(path))) {
    // A device, a FIFO, a terminal, /dev/stdout: written into, never replaced.
    const char* folder = std::getenv("TMPDIR");
    Temporary temporary(folder != nullptr && *folder != '\0' ? folder : "/tmp", path);
    fill(temporary.path());  // on a throw, ~Temporary removes it
    copy_into(temporary.path(), path, S_ISREG(info.st_mode));
    return;
  }
  // Through a symlink, the file it names is replaced and the link kept.
  std::error_code unresolved;
  const std::filesystem::path target =
      exists ? std::filesystem::canonical(path, unresolved) : std::filesystem::path(path);
  Temporary temporary(target.parent_path().string(), target.string());
  fill(temporary.path());  // on a throw, ~Temporary removes it
  const int done = ::open(temporary.path().c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = done >= 0 && ::fsync(done) == 0;
  if (done >= 0)
    ::close(done);
  if (!synced || ::rename(temporary.path().c_str(), target.c_str()) != 0)
    throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
  temporary.keep();
  const std::string folder = target.parent_path().string();
  const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void LocalFiles::replace(const std::string& path,
                         const std::function<void(std::ostream& out)>& write) {
  replace(path, [&](const std::string& temporary) {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    write(file);
    file.close();
    if (!file)
      throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
  });
}

bool LocalFiles::same_file(const std::string& a, const std::string& b) {
  struct stat first {};
  struct stat second {};
  if (::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0)
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
  std::error_code ignored;
  const auto resolved = [&ignored](const std::string& path) {
    return std::filesystem::weakly_canonical(std::filesystem::absolute(path, ignored), ignored);
  };
  return resolved(a) == resolved(b);
}

std::optional<std::string> LocalFiles::find_within(const std::string& folder,
                                                   const std::string& file) {
  namespace fs = std::filesystem;
  struct stat wanted {};
  if (::stat(file.c_str(), &wanted) != 0)
    return std::nullopt;
  std::error_code error;
  fs::recursive_directory_iterator items(folder, fs::directory_options::skip_permission_denied,
                                         error);
  for (; !error && items != fs::recursive_directory_iterator(); items.increment(error)) {
    const fs::directory_entry& item = *items;
    if (item.is_directory(error) && !item.is_symlink(error) && item.path().filename() == ".git") {
      items.disable_recursion_pending();
      continue;
    }
    struct stat found {};  // a symbolic link counts by what it names
    if (::stat(item.path().c_str(), &found) == 0 && found.st_dev == wanted.st_dev &&
        found.st_ino == wanted.st_ino)
      return item.path().string();
  }
  return std::nullopt;
}

}  // namespace qlfit::system
