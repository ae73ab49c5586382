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

// Takes group and other bits off a file or folder qlfit has identified as its own. A
// read-only file stays read-only; a read-only mount refuses quietly, and that is fine.
void tighten(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077U) != 0)
    ::chmod(path.c_str(), info.st_mode & 0700U);
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

}  // namespace

namespace {

// What a connection that only reads needs. The rest of set_pragmas governs writes, and
// each pragma is a statement parsed on every run.
void set_reader_pragmas(SQLite::Database& db) {
  db.exec("PRAGMA trusted_schema = OFF");
  // 1 MiB of page cache, not SQLite's 2 MiB: whole-history scans read each page once, and
  // it keeps every command under 8 MiB (`stats --weeks 1100` 7.9 -> 7.0, import 7.9 -> 6.4).
  db.exec("PRAGMA cache_size = -1024");
}

}  // namespace

void set_pragmas(SQLite::Database& db) {
  set_reader_pragmas(db);
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA secure_delete = ON");
}

namespace {

// Keep the -wal and -shm files between runs, the WAL emptied on close: otherwise every
// run creates both, syncs the folder and deletes them again (~0.5 ms of a `log`).
void keep_wal_files(SQLite::Database& db) {
  int persist = 1;
  sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  db.exec("PRAGMA journal_size_limit = 0");
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

// Before SQLite's first use in the process: no mutex around each call on a connection
// (qlfit never shares one between threads; SQLITE_CONFIG_MULTITHREAD keeps the library's
// own shared state guarded) and no allocation statistics (a global mutex taken on every
// allocation). Together about a tenth of the instructions of a `stats --week`. And no
// bulk page-cache slab per pager: by default each pager takes 20 pages (~90 KiB) when it
// opens, and SQLite opens a pager of its own for every `x IN (...)` CHECK it evaluates,
// two per entry inserted (kind and source). Each slab was malloc'd at the top of the heap
// and freed at once, so glibc grew and trimmed the heap twice per entry (53,608 brk calls
// and their page faults: 0.88 s of system time in an import of the 20-year history, 0.09 s
// without); pages are allocated one at a time instead. None of it changes what SQLite
// writes or when it syncs. Once SQLite is initialised (a test opened it directly first)
// the calls are refused, and SQLite stays as it is: slower, never wrong.
void configure_sqlite_once() {
  static const bool kConfigured = [] {
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    return true;
  }();
  static_cast<void>(kConfigured);
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
  configure_sqlite_once();
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
    set_reader_pragmas(*db_);
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

void DatabaseFile::commit(SQLite::Transaction& transaction) {
  transaction.commit();
  if (staging_)
    publish();
}

}  // namespace qlfit::storage
