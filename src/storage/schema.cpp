// Append-only: never edit a migration that has shipped; add a new one instead.
#include "schema.hpp"

#include "qlfit/error.hpp"

#include "sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <sqlite3.h>
#include <string_view>

namespace qlfit::storage {
namespace {

constexpr std::array<std::string_view, kSchemaVersion> kMigrations{
    R"sql(
CREATE TABLE activity (
  name        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('session', 'walk', 'break')),
  description TEXT NOT NULL DEFAULT '',
  builtin     INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO activity (name, kind, description, builtin) VALUES
  ('butt-walk', 'session', 'the quadratus lumborum routine: butt walk and similar moves', 1),
  ('walk', 'walk', 'a walk, 20-30 minutes a day', 1),
  ('break', 'break', 'standing up from sitting', 1);
CREATE TABLE entry (
  n           INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  activity    TEXT NOT NULL REFERENCES activity (name) ON UPDATE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('session', 'walk', 'break')),
  start_utc   INTEGER NOT NULL,
  utc_offset  INTEGER NOT NULL CHECK (utc_offset BETWEEN -50400 AND 50400),
  local_date  TEXT NOT NULL,
  duration_s  INTEGER NOT NULL CHECK (duration_s BETWEEN 1 AND 86400),
  pain        INTEGER CHECK (pain BETWEEN 0 AND 10),
  note        TEXT,
  created_utc INTEGER NOT NULL
) STRICT;
CREATE INDEX entry_by_local_date ON entry (local_date, start_utc);
CREATE INDEX entry_by_start ON entry (start_utc, n);
)sql",
    R"sql(
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
)sql",
    R"sql(
CREATE TABLE timer (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  activity   TEXT NOT NULL REFERENCES activity (name) ON UPDATE CASCADE,
  start_utc  INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL
) STRICT;
CREATE TABLE pause (
  n           INTEGER PRIMARY KEY AUTOINCREMENT,
  first_day   TEXT NOT NULL,
  last_day    TEXT NOT NULL CHECK (last_day >= first_day),
  note        TEXT,
  created_utc INTEGER NOT NULL
) STRICT;
)sql",
    R"sql(
ALTER TABLE activity ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
)sql",
    // Stats read only these columns: from this index alone, without the table.
    // It starts with (local_date, start_utc), so it replaces entry_by_local_date.
    R"sql(
CREATE INDEX entry_facts ON entry (local_date, start_utc, kind, utc_offset, duration_s, pain);
DROP INDEX entry_by_local_date;
)sql",
    // Where an entry came from (issue 16), and the open away period. The stats index
    // gains the source, so natural breaks are still counted from the index alone.
    R"sql(
ALTER TABLE entry ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
  CHECK (source IN ('manual', 'timer', 'away'));
CREATE TABLE away (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  start_utc  INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL CHECK (utc_offset BETWEEN -50400 AND 50400)
) STRICT;
DROP INDEX entry_facts;
CREATE INDEX entry_facts ON entry (local_date, start_utc, kind, utc_offset, duration_s, pain,
                                   source);
)sql",
    // The operation log (docs/sync.md): every change, what undo reverts and sync sends;
    // pauses get ids that are the same on every machine; values that never sync.
    R"sql(
CREATE TABLE op (
  n       INTEGER PRIMARY KEY AUTOINCREMENT,
  device  TEXT,
  seq     INTEGER NOT NULL,
  at_ms   INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  target  TEXT NOT NULL,
  data    TEXT,
  before  TEXT,
  change  INTEGER,
  label   TEXT,
  undoes  INTEGER,
  undone  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX op_by_device ON op (device, seq);
CREATE INDEX op_by_target ON op (target, at_ms);
CREATE INDEX op_by_time ON op (at_ms);
CREATE INDEX op_by_change ON op (change);
CREATE TABLE sync_local (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
ALTER TABLE pause ADD COLUMN id TEXT;
UPDATE pause SET id = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
    substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) ||
    substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX pause_by_id ON pause (id);
CREATE INDEX entry_by_start_id ON entry (start_utc, id);
)sql",
    // The away row stays when its period closes, with when the user came back from the
    // latest natural break: a break stops at 24h, the absence may not (status, remind).
    R"sql(
ALTER TABLE away ADD COLUMN open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1));
ALTER TABLE away ADD COLUMN back_utc INTEGER;
)sql",
};

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
  throw Error(ErrorCode::kStorage, "database " + path + " is damaged: " + what +
                                       "; left untouched (restore it from a backup)");
}

}  // namespace

int checked_version(SQLite::Database& db, const std::string& path) {
  // One read transaction, one snapshot: read apart, a migration committing in between could
  // show the old header with the new tables and look like another program's file. (Plain
  // pragmas, not their table-valued forms: each of those builds a virtual table first.)
  db.exec("SAVEPOINT checked_version");
  const int application_id = db.execAndGet("PRAGMA application_id").getInt();
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  const bool empty =
      version == 0 && db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0;
  db.exec("RELEASE checked_version");
  if (application_id == 0 && version == 0 && empty)
    return 0;
  if (application_id != kApplicationId) {
    throw Error(ErrorCode::kStorage, "database " + path +
                                         " is a SQLite file of another program, not qlfit's; "
                                         "left untouched (give --db another path)");
  }
  if (version < 0 || (version == 0 && !empty)) {
    damaged(path, "its header names schema version " + std::to_string(version) +
                      ", which no qlfit writes");
  }
  if (version > kSchemaVersion) {
    throw Error(ErrorCode::kStorage, "database " + path + " was written by a newer qlfit (schema " +
                                         std::to_string(version) + ", this qlfit knows up to " +
                                         std::to_string(kSchemaVersion) +
                                         "); left untouched: upgrade qlfit");
  }
  return version;
}

void check_and_migrate(SQLite::Database& db, const std::string& path) {
  if (checked_version(db, path) == kSchemaVersion)
    return;
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have migrated while this one waited for the lock.
  const int from = checked_version(db, path);
  for (int version = from; version < kSchemaVersion; ++version) {
    try {
      db.exec(std::string(kMigrations[static_cast<std::size_t>(version)]));
    } catch (const SQLite::Exception& error) {
      if (error.getErrorCode() != SQLITE_ERROR)
        throw;
      damaged(path, "its header names schema version " + std::to_string(from) +
                        ", but its tables are not that version's");
    }
  }
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  transaction.commit();
}

}  // namespace qlfit::storage
