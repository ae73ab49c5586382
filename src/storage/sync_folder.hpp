#pragma once

// The sync folder (docs/sync.md): DIR/<device-id>/FIRST-LAST.jsonl, each file written
// once by its device (temporary name, fsync, rename) and never changed.
#include "oplog.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace qlfit::storage {

// The format version this qlfit writes; a file with a higher one is refused by name.
inline constexpr std::int64_t kSyncFormatVersion = 2;

// True when `dir` holds a file of operations of some device (a database that does not
// exist yet has something to sync from it).
bool holds_operations(const std::string& dir);

// How many local operations earlier syncs wrote (their sequence numbers start at 1).
std::int64_t written_count(OpLog& log);

// What this device's own folder holds.
struct OwnFiles {
  // The highest local sequence number up to which every operation is in a file of this
  // database in the folder: what to send after.
  std::int64_t written = 0;
  bool ahead = false;  // a file beyond that is not this database's: it is behind its folder
};

class SyncFolder {
 public:
  SyncFolder(SQLite::Database& db, OpLog& log, std::string dir);

  // The local operations already in a file: the database's count, or more when a killed
  // sync renamed a file it did not count (its operations are exactly this database's);
  // `ahead` when a file beyond holds anything else (a restored backup, a copy of an older
  // state, a file put there). Removes stale temporary files of this device; refuses a
  // symbolic link in place of its folder.
  OwnFiles written_here(const std::string& device);
  // Writes the local operations after `written` into new files; returns their paths.
  // `before_first_rename` runs once, when the first file is whole but not yet in place.
  std::vector<std::string> send(const std::string& device, std::int64_t written, std::size_t& sent,
                                const std::function<void()>& before_first_rename);
  // Applies, in the caller's transaction, every other device's operations not here yet;
  // a file that cannot be used is skipped ("PATH: why" added to `skipped`) and rolled back.
  std::size_t receive(const std::string& device, std::vector<std::string>& skipped);
  // The highest local sequence number in a file after send().
  std::int64_t last_written() const { return written_; }
  // True when receive() noted or forgot a file with a refused operation (to commit).
  bool marked() const { return marked_; }

 private:
  bool holds_ours(const std::string& device, std::pair<std::int64_t, std::int64_t> range,
                  const std::filesystem::path& path);
  std::size_t read_file(const std::string& device, const std::filesystem::path& path,
                        std::vector<std::string>& skipped);
  std::size_t apply_file(const std::string& device, std::pair<std::int64_t, std::int64_t> range,
                         const std::filesystem::path& path, std::vector<std::string>& refused);

  SQLite::Database& db_;
  OpLog& log_;
  std::string dir_;
  std::int64_t written_ = 0;
  bool marked_ = false;
};

class DatabaseFile;
// One whole `sync` through `dir` (docs/sync.md): device id and history first (once),
// then the files written, then every other device's operations applied in one transaction.
SyncReport sync_through(DatabaseFile& file, OpLog& log, const std::string& dir);
SyncStatus status_of(SQLite::Database& db, OpLog& log);

}  // namespace qlfit::storage
