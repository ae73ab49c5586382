#pragma once
// Turns a qlfit database into what schema version 1 was (the oldest a user may still
// have), keeping its entries: one place to extend when a migration adds something.
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

namespace qlfit::testing {

inline void make_schema_version_1(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec(
      "DROP TABLE op; DROP TABLE sync_local; DROP INDEX entry_by_start_id; "
      "DROP TABLE setting; DROP TABLE timer; DROP TABLE pause; "
      "ALTER TABLE activity DROP COLUMN archived; DROP INDEX entry_facts; DROP TABLE away; "
      "ALTER TABLE entry DROP COLUMN source; "
      "CREATE INDEX entry_by_local_date ON entry (local_date, start_utc); "
      "PRAGMA user_version = 1");
}

}  // namespace qlfit::testing
