// Opening a file: creating, migrating and refusing what is not a qlfit database of this schema.
#include "sqlite_store.hpp"

#include "qlfit/error.hpp"

#include "files.hpp"
#include "old_schema.hpp"
#include "store_reads.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

namespace qlfit::storage {
namespace {

using namespace date::literals;
using qlfit::testing::contents;
using qlfit::testing::entries_of;
using qlfit::testing::listing;
using qlfit::testing::mode_of;
using qlfit::testing::session_on;
using qlfit::testing::TempDir;

void expect_storage_error(const std::string& path, const std::string& words) {
  try {
    open_store(path, Access::kWrite);
    ADD_FAILURE() << path << " was opened";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kStorage);
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
  }
}

TEST(OpenStore, MigratesAnEmptyFileToTheCurrentSchema) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite);
  SQLite::Database db(path);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), kSchemaVersion);
  EXPECT_EQ(db.execAndGet("PRAGMA application_id").getInt(), kApplicationId);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(OpenStore, CreatesPrivateFileAndFolders) {
  TempDir dir;
  const auto path = dir.file("a/b/q.db");
  const auto old_mask = ::umask(0);
  {
    auto store = open_store(path, Access::kWrite);
    store->add(session_on(2026_y / 11 / 24));
    EXPECT_EQ(mode_of(path), 0600U);
    EXPECT_EQ(mode_of(path + "-wal"), 0600U);
  }
  ::umask(old_mask);
  EXPECT_EQ(mode_of(dir.file("a")), 0700U);
  EXPECT_EQ(mode_of(dir.file("a/b")), 0700U);
}

TEST(OpenStore, TightensAnExistingWorldReadableDatabase) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite);
  ::chmod(path.c_str(), 0644);
  open_store(path, Access::kRead);
  EXPECT_EQ(mode_of(path), 0600U);
}

TEST(OpenStore, ReadingAMissingFileCreatesNothing) {
  TempDir dir;
  const auto path = dir.file("sub/q.db");
  auto store = open_store(path, Access::kRead);
  EXPECT_TRUE(entries_of(*store).empty());
  EXPECT_EQ(store->activities().size(), 3U);
  EXPECT_FALSE(std::filesystem::exists(dir.file("sub")));
  EXPECT_FALSE(database_exists(path));
}

TEST(OpenStore, ReopenKeepsTheData) {
  TempDir dir;
  const auto path = dir.file("q.db");
  const Entry first = open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  const auto entries = entries_of(*open_store(path, Access::kRead));
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].id, first.id);
  EXPECT_EQ(entries[0].local_date, 2026_y / 11 / 24);
  EXPECT_EQ(entries[0].offset, std::chrono::hours{1});
}

TEST(OpenStore, MigratesAVersionOneDatabaseKeepingItsEntries) {
  TempDir dir;
  const auto path = dir.file("q.db");
  const Entry kept = open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  testing::make_schema_version_1(path);
  const std::string before = contents(path);
  // A reader reads a migrated copy and leaves the file as it is.
  EXPECT_EQ(entries_of(*open_store(path, Access::kRead)).at(0).id, kept.id);
  EXPECT_EQ(open_store(path, Access::kRead)->settings().size(), 0U);
  EXPECT_EQ(contents(path), before);
  auto store = open_store(path, Access::kWrite);
  EXPECT_EQ(entries_of(*store).at(0).id, kept.id);
  store->set_setting("walk.min", "15");
  EXPECT_EQ(store->settings().at("walk.min"), "15");
  SQLite::Database db(path);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), kSchemaVersion);
}

TEST(OpenStore, RefusesANewerSchemaUntouched) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
    db.exec("PRAGMA journal_mode = DELETE");
  }
  const std::string before = contents(path);
  expect_storage_error(path, "newer qlfit");
  EXPECT_EQ(contents(path), before);
}

TEST(OpenStore, RefusesAnotherProgramsSqliteFileUntouched) {
  TempDir dir;
  const auto path = dir.file("other.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE notes (body TEXT)");
  }
  const std::string before = contents(path);
  expect_storage_error(path, "another program");
  EXPECT_EQ(contents(path), before);
}

TEST(OpenStore, RefusesAFileThatIsNotSqliteUntouched) {
  TempDir dir;
  const auto path = dir.file("notes.txt");
  std::ofstream(path) << "my diary, not a database, long enough to have a header page......\n";
  const std::string before = contents(path);
  expect_storage_error(path, "not a SQLite database");
  EXPECT_EQ(contents(path), before);
}

TEST(OpenStore, RefusesAFolder) {
  TempDir dir;
  expect_storage_error(dir.path().string(), "folder");
}

TEST(OpenStore, RefusesAPathThroughAFile) {
  TempDir dir;
  std::ofstream(dir.file("plain")) << "x";
  expect_storage_error(dir.file("plain/q.db"), "cannot be reached");
}

TEST(Store, NumbersAreNeverReusedAfterUndo) {
  auto store = open_store(":memory:", Access::kWrite);
  const Entry first = store->add(session_on(2026_y / 11 / 24));
  const Entry second = store->add(session_on(2026_y / 11 / 24, 9));
  EXPECT_EQ(store->remove_last()->n, second.n);
  const Entry third = store->add(session_on(2026_y / 11 / 24, 10));
  EXPECT_GT(third.n, second.n);
  EXPECT_NE(first.id, third.id);
  EXPECT_EQ(first.id.size(), 36U);
  EXPECT_EQ(first.id[14], '4');
}

// The process-wide SQLite settings a store applies before SQLite's first use (ctest runs
// each test in a process of its own): no memory statistics, so sqlite3_memory_used() reads
// 0 with a connection open and rows written (it counts every byte when they are on).
TEST(Store, SqliteKeepsNoMemoryStatistics) {
  TempDir dir;
  auto store = open_store(dir.file("q.db"), Access::kWrite);
  store->add(session_on(2026_y / 11 / 24));
  EXPECT_EQ(sqlite3_memory_used(), 0);
  EXPECT_EQ(entries_of(*store).size(), 1U);
}

TEST(Store, FactsComeFromOneCoveringIndexWithoutTheTable) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  SQLite::Database db(path);
  SQLite::Statement plan(db,
                         "EXPLAIN QUERY PLAN SELECT kind, start_utc, utc_offset, duration_s, pain "
                         "FROM entry WHERE local_date BETWEEN '2026-11-23' AND '2026-11-30' "
                         "ORDER BY local_date, start_utc");
  std::string steps;
  while (plan.executeStep())
    steps += plan.getColumn(3).getString() + ";";
  EXPECT_EQ(steps,
            "SEARCH entry USING COVERING INDEX entry_facts (local_date>? AND local_date<?);");
}

TEST(OpenStore, ADamagedDatabaseIsRefusedUntouched) {
  TempDir dir;
  const auto path = dir.file("q.db");
  {
    auto store = open_store(path, Access::kWrite);
    for (int i = 0; i < 300; ++i)
      store->add(session_on(2026_y / 11 / 24));
  }
  std::string bytes = contents(path);
  ASSERT_GT(bytes.size(), 8192U);
  for (std::size_t i = 4096; i < bytes.size(); i += 7)
    bytes[i] = '\xa5';  // every page but the first
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  try {
    entries_of(*open_store(path, Access::kRead));
    ADD_FAILURE() << "read a damaged file";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kStorage);
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
  EXPECT_EQ(contents(path), bytes);
}

TEST(OpenStore, ATruncatedDatabaseIsRefusedUntouched) {
  TempDir dir;
  const auto path = dir.file("q.db");
  {
    auto store = open_store(path, Access::kWrite);
    for (int i = 0; i < 300; ++i)
      store->add(session_on(2026_y / 11 / 24));
  }
  const std::string half = contents(path).substr(0, 6000);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << half;
  EXPECT_THROW(entries_of(*open_store(path, Access::kRead)), Error);
  EXPECT_EQ(contents(path), half);
}

TEST(OpenStore, AnAbsurdHeaderIsDamagedNotACrash) {
  for (const char* version : {"-1", "-2147483648", "0", "2"}) {
    TempDir dir;
    const auto path = dir.file("q.db");
    open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec(std::string("PRAGMA user_version = ") + version);
    }
    const std::string bytes = contents(path);
    for (const Access access : {Access::kRead, Access::kWrite}) {
      try {
        entries_of(*open_store(path, access));
        ADD_FAILURE() << "opened a file with user_version " << version;
      } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::kStorage);
        EXPECT_NE(std::string(error.what()).find("is damaged"), std::string::npos) << error.what();
      }
      EXPECT_EQ(contents(path), bytes) << version;
    }
  }
}

TEST(OpenStore, AFolderPathCreatesNothing) {
  TempDir dir;
  EXPECT_THROW(open_store(dir.file("new/"), Access::kWrite), Error);
  EXPECT_THROW(open_store(dir.file("a/b/"), Access::kImport), Error);
  EXPECT_TRUE(listing(dir.path().string()).empty());
}

}  // namespace
}  // namespace qlfit::storage
