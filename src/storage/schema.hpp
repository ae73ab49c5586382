#pragma once

#include <string>

namespace SQLite {
class Database;
}

namespace qlfit::storage {

// The schema version of an open qlfit database (0 for an empty file). Throws
// Error(kStorage) mentioning `path` for another program's file, a newer schema or a
// header no qlfit writes (a negative version, version 0 with tables).
int checked_version(SQLite::Database& db, const std::string& path);

// Checks that the open database is qlfit's (or empty) and not newer than this
// build, then applies the missing migrations in one IMMEDIATE transaction.
// Throws Error(kStorage) mentioning `path` otherwise, having written nothing.
void check_and_migrate(SQLite::Database& db, const std::string& path);

}  // namespace qlfit::storage
