#pragma once

// Opening the database file: what it is, who may change it, and how a new one appears.
// The queries live in sqlite_store.cpp; this is everything before the first of them.
#include "sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qlfit::storage {

inline constexpr int kBusyTimeoutMs = 5000;

// Throws Error(kStorage): "database PATH PROBLEM".
[[noreturn]] void fail(const std::string& path, const std::string& problem);
// Turns one of SQLite's failures into one plain sentence about the file.
[[noreturn]] void translate(const SQLite::Exception& error, const std::string& path);
// The pragmas every connection sets (docs/architecture.md).
void set_pragmas(SQLite::Database& db);
// Creates the missing folders of `path` (0700, whatever the umask) and returns them,
// outermost first. Throws Error(kStorage) (removing what it made) when one cannot be.
std::vector<std::string> create_folders(const std::string& path);

// An open, identified and current qlfit database.
class DatabaseFile {
 public:
  // Opens `path` (":memory:" for a private in-memory one) for `access` (sqlite_store.hpp).
  // Throws Error(kStorage) naming the path when it is a folder, not SQLite, not qlfit's,
  // newer, damaged or unreachable; such a file is left as it was (bytes and mode).
  DatabaseFile(const std::string& path, Access access, bool own_folder);
  ~DatabaseFile();
  DatabaseFile(const DatabaseFile&) = delete;
  DatabaseFile& operator=(const DatabaseFile&) = delete;

  SQLite::Database& db() { return *db_; }
  const std::string& path() const { return path_; }
  // Commits `transaction`; a database built under a temporary name (Access::kImport of a
  // missing file) then appears at its path, whole. Throws Error(kStorage) when another
  // process created a database there meanwhile (the temporary one is dropped).
  void commit(SQLite::Transaction& transaction);

 private:
  void open_existing(Access access, bool own_folder);
  void open_staged();
  void publish();
  void discard() noexcept;

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  std::optional<std::string> staging_;        // the temporary file writes go to, until published
  std::vector<std::string> created_folders_;  // by a staged open: removed if nothing is published
};

}  // namespace qlfit::storage
