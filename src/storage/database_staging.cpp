// How a first import's database appears whole or not at all: built under a temporary
// name (removed on SIGINT, SIGTERM or SIGHUP) and linked into place at its first commit.
#include "qlfit/error.hpp"

#include "database_file.hpp"
#include "schema.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace qlfit::storage {
namespace {

bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

void sync_folder_of(const std::string& path) {
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// The staging database of a first import, kept where a signal handler may read it (a
// handler may not allocate): SIGINT, SIGTERM and SIGHUP remove it and its journal
// before ending qlfit, so an interrupted import leaves no copy of anyone's data behind.
constexpr std::size_t kPathRoom = 4096 + 16;
constexpr std::array<int, 3> kEndingSignals{SIGINT, SIGTERM, SIGHUP};
std::array<char, kPathRoom> g_staging{};
std::array<char, kPathRoom> g_staging_journal{};
volatile std::sig_atomic_t g_staging_held = 0;
std::array<struct sigaction, kEndingSignals.size()> g_before{};

extern "C" void drop_staging_and_reraise(int signal) {
  if (g_staging_held != 0) {
    ::unlink(g_staging.data());
    ::unlink(g_staging_journal.data());
  }
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  ::sigemptyset(&fallback.sa_mask);
  ::sigaction(signal, &fallback, nullptr);
  ::raise(signal);
}

void guard_staging(const std::string& path) {
  const std::string journal = path + "-journal";
  if (journal.size() >= kPathRoom)
    return;
  std::copy(path.begin(), path.end(), g_staging.begin());
  g_staging[path.size()] = '\0';
  std::copy(journal.begin(), journal.end(), g_staging_journal.begin());
  g_staging_journal[journal.size()] = '\0';
  g_staging_held = 1;
  struct sigaction drop {};
  drop.sa_handler = drop_staging_and_reraise;
  ::sigemptyset(&drop.sa_mask);
  for (std::size_t i = 0; i < kEndingSignals.size(); ++i) {
    // A signal someone chose to ignore stays ignored.
    if (::sigaction(kEndingSignals[i], nullptr, &g_before[i]) == 0 &&
        g_before[i].sa_handler != SIG_IGN) {
      ::sigaction(kEndingSignals[i], &drop, nullptr);
    }
  }
}

void release_staging() {
  if (g_staging_held == 0)
    return;
  for (std::size_t i = 0; i < kEndingSignals.size(); ++i) {
    if (g_before[i].sa_handler != SIG_IGN)
      ::sigaction(kEndingSignals[i], &g_before[i], nullptr);
  }
  g_staging_held = 0;
}

}  // namespace

// Creates the missing folders of `path` (0700, whatever the umask) and returns them,
// outermost first.
std::vector<std::string> create_folders(const std::string& path) {
  std::vector<std::string> created;
  std::filesystem::path folder;
  for (const auto& part : std::filesystem::path(path).parent_path()) {
    folder /= part;
    if (::mkdir(folder.c_str(), 0700) == 0) {
      created.push_back(folder.string());
    } else if (errno != EEXIST) {
      const std::string reason = folder.string() + ": " + std::strerror(errno);
      for (auto it = created.rbegin(); it != created.rend(); ++it)
        ::rmdir(it->c_str());
      fail(path, "cannot be created: " + reason);
    }
  }
  return created;
}

void DatabaseFile::open_staged() {
  created_folders_ = create_folders(path_);
  const std::filesystem::path target{path_};
  std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".qlfit-XXXXXX")).string();
  // The ending signals wait while the file is made and its guard set, so there is no
  // moment when the file exists and a signal would leave it behind.
  sigset_t ending{};
  sigset_t before{};
  ::sigemptyset(&ending);
  for (const int signal : kEndingSignals)
    ::sigaddset(&ending, signal);
  ::sigprocmask(SIG_BLOCK, &ending, &before);
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  const int error = errno;
  if (fd >= 0) {
    ::fchmod(fd, 0600);
    ::close(fd);
    guard_staging(temporary);
  }
  ::sigprocmask(SIG_SETMASK, &before, nullptr);
  if (fd < 0)
    fail(path_, std::string("cannot be created: ") + std::strerror(error));
  staging_ = temporary;
  // A rollback journal, not WAL: nothing but the file itself is left to move into place.
  // The same pragmas as every write, synchronous = FULL included, though nobody but this
  // process ever opens the file: relaxing them could win no more than the syncs cost, and
  // an import of the 20-year history makes 14 fdatasync calls here (journal syncs at cache
  // spills, the commit), about 10 ms of its 1.4 s. Its time is CPU: the rows, their
  // operations and the indexes they update.
  db_ = std::make_unique<SQLite::Database>(temporary, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
  set_pragmas(*db_);
  check_and_migrate(*db_, path_);
}

void DatabaseFile::publish() {
  db_.reset();  // closed: the journal is gone and every page is in the file
  const std::string temporary = *staging_;
  const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0)
    ::close(fd);
  if (!synced) {
    const std::string reason = std::strerror(errno);
    discard();
    fail(path_, "cannot be written: " + reason + "; nothing was changed");
  }
  // link() never replaces: a database another process made meanwhile stays as it is.
  if (::link(temporary.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    const bool taken = error == EEXIST || exists(path_);
    // A file system without hard links: a rename that never replaces either.
    if (taken ||
        ::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE) != 0) {
      created_folders_.clear();  // they hold another database now, or may
      discard();
      fail(path_, taken ? "was created by another qlfit meanwhile; nothing was changed, try again"
                        : std::string("cannot be written: ") + std::strerror(error) +
                              "; nothing was changed");
    }
  }
  ::unlink(temporary.c_str());
  release_staging();
  staging_.reset();
  created_folders_.clear();
  sync_folder_of(path_);
  open_existing(Access::kWrite, false);
}

void DatabaseFile::discard() noexcept {
  if (!staging_)
    return;
  db_.reset();
  ::unlink(staging_->c_str());
  ::unlink((*staging_ + "-journal").c_str());
  release_staging();
  staging_.reset();
  for (auto it = created_folders_.rbegin(); it != created_folders_.rend(); ++it)
    ::rmdir(it->c_str());
  created_folders_.clear();
}

}  // namespace qlfit::storage
