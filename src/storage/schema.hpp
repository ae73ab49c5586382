#pragma once

#include <string>

namespace SQLite {
class Database;
}

namespace qlfit::storage {

// Checks that the open database is qlfit's (or empty) and not newer than this
// build, then applies the missing migrations in one IMMEDIATE transaction.
// Throws Error(kStorage) mentioning `path` otherwise, having written nothing.
void check_and_migrate(SQLite::Database& db, const std::string& path);

}  // namespace qlfit::storage
