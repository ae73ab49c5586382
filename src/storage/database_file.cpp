#include "database_file.hpp"

#include "qlfit/error.hpp"

#include "schema.hpp"

#include <SQLiteCpp/Backup.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace qlfit::storage {
namespace {

constexpr std::string_view kMemory = ":memory:";
// Beside the database: what SQLite keeps next to it.
constexpr std::array<std::string_view, 3> kCompanions{"-wal", "-shm", "-journal"};

bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

// Takes group and other bits off a file or folder qlfit has identified as its own. A
// read-only file stays read-only; a read-only mount refuses quietly, and that is fine.
void tighten(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077U) != 0)
    ::chmod(path.c_str(), info.st_mode & 0700U);
}

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

// A file: URI for `path` (RFC 3986 escapes for what SQLite's URI parser reads).
std::string uri_of(const std::string& path, std::string_view query) {
  std::string uri = "file:";
  const std::string absolute = std::filesystem::absolute(path).string();
  for (const char c : absolute) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr std::string_view kHex = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(c);
      uri += '%';
      uri += kHex[byte >> 4U];
      uri += kHex[byte & 0xFU];
    } else {
      uri += c;
    }
  }
  return uri + "?" + std::string(query);
}

// Switching a new file to WAL needs the file to itself. SQLite answers SQLITE_BUSY at
// once, without its busy handler, to a connection that would deadlock waiting for that
// (seen with eight writers opening one new file), so this one waits here instead, as
// long as the busy timeout.
void use_wal(SQLite::Database& db) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds{kBusyTimeoutMs};
  for (;;) {
    try {
      db.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (const SQLite::Exception& error) {
      if (error.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() >= until)
        throw;
      std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
  }
}

void set_pragmas(SQLite::Database& db) {
  db.exec("PRAGMA trusted_schema = OFF");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA secure_delete = ON");
  // 1 MiB of page cache, not SQLite's 2 MiB: whole-history scans read each page once, and
  // it keeps every command under 8 MiB (`stats --weeks 1100` 7.9 -> 7.0, import 7.9 -> 6.4).
  db.exec("PRAGMA cache_size = -1024");
}

// Keep the -wal and -shm files between runs, the WAL emptied on close: otherwise every
// run creates both, syncs the folder and deletes them again (~0.5 ms of a `log`).
void keep_wal_files(SQLite::Database& db) {
  int persist = 1;
  sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  db.exec("PRAGMA journal_size_limit = 0");
}

void sync_folder_of(const std::string& path) {
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::uint32_t big_endian(const unsigned char* bytes) {
  return (std::uint32_t{bytes[0]} << 24U) | (std::uint32_t{bytes[1]} << 16U) |
         (std::uint32_t{bytes[2]} << 8U) | std::uint32_t{bytes[3]};
}

// Reads the header before SQLite opens the file (read-write, SQLite would make -wal and
// -shm beside another program's WAL file, or roll back its journal). Throws unless the
// file is empty, qlfit's, or SQLite without a table.
void identify(const std::string& path) {
  std::array<unsigned char, 100> header{};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    fail(path, std::string("cannot be opened: ") + std::strerror(errno));
  const ssize_t got = ::pread(fd, header.data(), header.size(), 0);
  ::close(fd);
  if (got == 0)
    return;  // empty: qlfit makes it its database on the first write
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  if (got != static_cast<ssize_t>(header.size()) ||
      std::string_view(reinterpret_cast<const char*>(header.data()), kMagic.size()) != kMagic) {
    fail(path, "is not a SQLite database; left untouched (give --db another path)");
  }
  const std::uint32_t application_id = big_endian(&header[68]);
  const std::uint32_t version = big_endian(&header[60]);
  if (application_id == static_cast<std::uint32_t>(kApplicationId))
    return;
  if (application_id == 0 && version == 0) {
    // SQLite, but whose? Only one without a single table may become qlfit's. Read
    // without locks or companion files: nothing of another program's is touched.
    SQLite::Database probe(uri_of(path, "mode=ro&immutable=1"),
                           SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    checked_version(probe, path);
    return;
  }
  fail(path,
       "is a SQLite file of another program, not qlfit's; left untouched (give --db "
       "another path)");
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

void fail(const std::string& path, const std::string& problem) {
  throw Error(ErrorCode::kStorage, "database " + path + " " + problem);
}

void translate(const SQLite::Exception& error, const std::string& path) {
  switch (error.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      fail(path, "is locked by another program for more than 5 s; nothing was changed, try again");
    case SQLITE_NOTADB:
      fail(path, "is not a SQLite database; left untouched (give --db another path)");
    case SQLITE_CORRUPT:
      fail(path, "is damaged; left untouched (restore it from a backup)");
    case SQLITE_READONLY:
      fail(path, "is read-only; nothing was changed");
    case SQLITE_FULL:
      fail(path, "cannot be written: the disk is full; nothing was changed");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      fail(path, "cannot be opened: permission denied or not a file");
    case SQLITE_IOERR:
      fail(path, "cannot be read or written: input/output error; nothing was changed");
    default:
      fail(path, std::string("cannot be used: ") + sqlite3_errstr(error.getErrorCode()));
  }
}

DatabaseFile::DatabaseFile(const std::string& path, Access access, bool own_folder) : path_(path) {
  if (path.empty())
    fail("\"\"", "is not a path: give --db a file name");
  try {
    if (path == kMemory) {
      db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                               kBusyTimeoutMs);
      set_pragmas(*db_);
      check_and_migrate(*db_, path_);
      return;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
      if (S_ISDIR(info.st_mode))
        fail(path, "is a folder, not a file (give --db a file path)");
      if (!S_ISREG(info.st_mode))
        fail(path, "is not a regular file");
      open_existing(access, own_folder);
      return;
    }
    if (errno != ENOENT)
      fail(path, std::string("cannot be reached: ") + std::strerror(errno));
    if (path.back() == '/')
      fail(path, "names a folder, not a file (give --db a file path)");
    switch (access) {
      case Access::kRead:
      case Access::kTry:
      case Access::kModify:
        // Nothing to read or change: an empty database that lives only in memory.
        path_ = kMemory;
        db_ = std::make_unique<SQLite::Database>(
            path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs);
        set_pragmas(*db_);
        check_and_migrate(*db_, path_);
        return;
      case Access::kImport:
        open_staged();
        return;
      case Access::kWrite:
        break;
    }
    // Made by qlfit before SQLite opens it, so the -wal and -shm files SQLite makes
    // beside it are private from the first byte, whatever the umask.
    const std::vector<std::string> created = create_folders(path);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno != EEXIST) {
      const std::string reason = std::strerror(errno);
      for (auto it = created.rbegin(); it != created.rend(); ++it)
        ::rmdir(it->c_str());
      fail(path, "cannot be created: " + reason);
    }
    if (fd >= 0)
      ::close(fd);
    open_existing(access, own_folder);
  } catch (const SQLite::Exception& error) {
    discard();
    translate(error, path);
  } catch (...) {
    discard();
    throw;
  }
}

DatabaseFile::~DatabaseFile() {
  discard();
}

void DatabaseFile::open_existing(Access access, bool own_folder) {
  identify(path_);
  int version = 0;
  if (access == Access::kRead || access == Access::kTry) {
    // Readers change nothing: no WAL switch, no migration. SQLite makes the -wal and -shm
    // a WAL file needs for safe reading when they are missing; where it cannot (a
    // read-only folder or mount), nobody can be writing, and the file is read as it is.
    try {
      db_ = std::make_unique<SQLite::Database>(
          uri_of(path_, "mode=ro"), SQLite::OPEN_READONLY | SQLite::OPEN_URI, kBusyTimeoutMs);
      version = checked_version(*db_, path_);
    } catch (const SQLite::Exception& error) {
      if (error.getErrorCode() != SQLITE_CANTOPEN && error.getErrorCode() != SQLITE_READONLY)
        throw;
      db_ = std::make_unique<SQLite::Database>(uri_of(path_, "mode=ro&immutable=1"),
                                               SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                                               kBusyTimeoutMs);
      version = checked_version(*db_, path_);
    }
    set_pragmas(*db_);
    if (version < kSchemaVersion || access == Access::kTry) {
      // An older schema, or a dry run: a (migrated) copy in memory; the file stays as it is.
      auto copy = std::make_unique<SQLite::Database>(
          kMemory.data(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs);
      SQLite::Backup(*copy, *db_).executeStep();
      db_ = std::move(copy);
      set_pragmas(*db_);
      check_and_migrate(*db_, path_);
    }
  } else {
    db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
    set_pragmas(*db_);
    check_and_migrate(*db_, path_);
    use_wal(*db_);
    keep_wal_files(*db_);
    version = kSchemaVersion;
  }
  if (version == 0)
    return;  // an empty file: not known to be qlfit's until something is written to it
  // Identified as qlfit's: now, and only now, its mode.
  tighten(path_);
  for (const std::string_view companion : kCompanions)
    tighten(path_ + std::string(companion));
  if (own_folder)
    tighten(std::filesystem::path(path_).parent_path().string());
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
  db_ = std::make_unique<SQLite::Database>(temporary, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
  set_pragmas(*db_);
  check_and_migrate(*db_, path_);
}

void DatabaseFile::commit(SQLite::Transaction& transaction) {
  transaction.commit();
  if (staging_)
    publish();
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
