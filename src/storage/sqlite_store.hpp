#pragma once

#include "qlfit/store.hpp"

#include <memory>
#include <string>

namespace qlfit::storage {

// What a command needs of the database file.
enum class Access {
  kRead,   // never creates: a missing file reads as an empty qlfit database
  kWrite,  // creates the file (0600) and its folder (0700) when missing
};

// The schema version this build writes; a file with a higher one is refused.
inline constexpr int kSchemaVersion = 5;
// PRAGMA application_id of a qlfit database: "qlft".
inline constexpr int kApplicationId = 0x716C6674;

// Opens the qlfit database at `path` (":memory:" for a private in-memory one),
// migrating an older schema. Throws Error(kStorage) naming the path when it is a
// folder, not SQLite, not qlfit's, from a newer qlfit, damaged or unreachable; such
// a file is left untouched.
std::unique_ptr<Store> open_store(const std::string& path, Access access);

// True when `open_store(path, Access::kRead)` would read a real file.
bool database_exists(const std::string& path);

}  // namespace qlfit::storage
