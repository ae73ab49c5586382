#pragma once

#include "qlfit/history.hpp"

#include <memory>
#include <string>

namespace qlfit::storage {

// What a command needs of the database file.
enum class Access {
  // Read-only: never creates or changes a byte (no WAL switch, no migration, no -wal or
  // -shm made). A missing file reads as an empty qlfit database; an older schema is
  // read from a migrated copy in memory.
  kRead,
  // Like kRead, but writes go to a copy in memory that is never saved: a dry run.
  kTry,
  // Read-write when the file exists (migrating an older schema); a missing file reads
  // as an empty database in memory and nothing is created.
  kModify,
  // Read-write, creating the file (0600) and its folders (0700) when missing.
  kWrite,
  // Like kWrite, but a missing file is built under a temporary name beside it and
  // appears at its path, whole, at the first commit: a failed import creates nothing.
  kImport,
};

// The schema version this build writes; a file with a higher one is refused.
inline constexpr int kSchemaVersion = 8;
// PRAGMA application_id of a qlfit database: "qlft".
inline constexpr int kApplicationId = 0x716C6674;

// Opens the qlfit database at `path` (":memory:" for a private in-memory one) for
// `access`. Throws Error(kStorage) naming the path when it is a folder, not SQLite, not
// qlfit's, from a newer qlfit, damaged or unreachable; such a file is left as it was.
// Only a file identified as qlfit's has its mode (and its -wal, -shm and -journal
// files' modes) tightened to the owner's; its folder too when `own_folder`.
std::unique_ptr<LoggedStore> open_store(const std::string& path, Access access,
                                        bool own_folder = false);

// Like open_store, but the file is opened on the first query, for at least `least` and
// as much more as that query needs: a reader of a missing file creates nothing, and
// the first write (re)opens it to write. Opening errors are thrown by that query.
std::unique_ptr<LoggedStore> open_lazy_store(const std::string& path, Access least,
                                             bool own_folder = false);

// True when `open_store(path, Access::kRead)` would read a real file.
bool database_exists(const std::string& path);

}  // namespace qlfit::storage
