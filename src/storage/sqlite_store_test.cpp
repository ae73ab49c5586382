#include "sqlite_store.hpp"

#include "qlfit/error.hpp"

#include "files.hpp"
#include "old_schema.hpp"
#include "store_reads.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace qlfit::storage {
namespace {

using namespace date::literals;
using qlfit::testing::contents;
using qlfit::testing::entries_of;
using qlfit::testing::imported;
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

TEST(OpenStore, KeepsItsWalAndShmFilesPrivateAndTheWalEmptyBetweenRuns) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  // Closed: the WAL was checkpointed into the database and emptied, not deleted, so the
  // next run neither creates it nor syncs the folder for it.
  ASSERT_TRUE(std::filesystem::is_regular_file(path + "-wal"));
  EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0U);
  EXPECT_EQ(mode_of(path + "-wal"), 0600U);
  EXPECT_EQ(mode_of(path + "-shm"), 0600U);
  SQLite::Database db(path);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM entry").getInt(), 1);
}

TEST(Store, ConcurrentWritersLoseNothing) {
  TempDir dir;
  const auto path = dir.file("q.db");
  constexpr int kWriters = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&path] {
      auto store = open_store(path, Access::kWrite);
      for (int i = 0; i < kEach; ++i)
        store->add(session_on(2026_y / 11 / 24));
    });
  }
  for (auto& writer : writers)
    writer.join();
  EXPECT_EQ(entries_of(*open_store(path, Access::kRead)).size(),
            static_cast<std::size_t>(kWriters * kEach));
  SQLite::Database db(path);
  EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST(Store, AWriterWaitsForALockAndThenSucceeds) {
  TempDir dir;
  const auto path = dir.file("q.db");
  auto store = open_store(path, Access::kWrite);
  SQLite::Database holder(path, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  std::thread release([&holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    holder.exec("COMMIT");
  });
  EXPECT_NO_THROW(store->add(session_on(2026_y / 11 / 24)));
  release.join();
  EXPECT_EQ(entries_of(*store).size(), 1U);
}

TEST(Store, ALockHeldPastTheTimeoutFailsCleanlyWritingNothing) {
  TempDir dir;
  const auto path = dir.file("q.db");
  auto store = open_store(path, Access::kWrite);
  SQLite::Database holder(path, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  try {
    store->add(session_on(2026_y / 11 / 24));
    ADD_FAILURE() << "wrote through a held lock";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kStorage);
    EXPECT_NE(std::string(error.what()).find("locked"), std::string::npos) << error.what();
  }
  holder.exec("ROLLBACK");
  EXPECT_TRUE(entries_of(*store).empty());
}

TEST(OpenStore, EightConnectionsMigratingAnOldSchemaAtOnceMigrateOnce) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  testing::make_schema_version_1(path);
  std::atomic<int> failures{0};
  std::vector<std::thread> openers;
  for (int i = 0; i < 8; ++i) {
    openers.emplace_back([&] {
      try {
        open_store(path, Access::kWrite)->settings();
      } catch (const Error&) {
        ++failures;
      }
    });
  }
  for (auto& opener : openers)
    opener.join();
  EXPECT_EQ(failures, 0);
  SQLite::Database db(path);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), kSchemaVersion);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM entry").getInt(), 1);
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

struct Stat {
  unsigned mode = 0;
  std::int64_t mtime_ns = 0;
};
Stat stat_of(const std::string& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return {info.st_mode & 07777U, info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec};
}

TEST(OpenStore, AFileThatIsNotQlfitsKeepsItsModeBytesAndTimes) {
  TempDir dir;
  const auto notes = dir.file("notes.txt");
  std::ofstream(notes) << "my private notes, not a database\n";
  ::chmod(notes.c_str(), 0644);
  const auto other = dir.file("other.db");
  {
    SQLite::Database db(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  }
  ::chmod(other.c_str(), 0644);
  const auto link = dir.file("link.db");
  std::filesystem::create_symlink(notes, link);
  for (const auto& path : {notes, other, link}) {
    const std::string bytes = contents(path);
    const Stat before = stat_of(path);
    for (const Access access : {Access::kRead, Access::kModify, Access::kWrite, Access::kImport}) {
      EXPECT_THROW(open_store(path, access, true), Error) << path;
      EXPECT_EQ(contents(path), bytes) << path;
      EXPECT_EQ(stat_of(path).mode, before.mode) << path;
      EXPECT_EQ(stat_of(path).mtime_ns, before.mtime_ns) << path;
    }
  }
  EXPECT_EQ(mode_of(dir.path().string()), 0700U);  // mkdtemp's, and never touched
  // Nothing beside them either: no -wal or -shm for another program's WAL file.
  EXPECT_EQ(listing(dir.path().string()),
            (std::vector<std::string>{"link.db", "notes.txt", "other.db"}));
}

TEST(OpenStore, TightensQlfitsOwnFilesAndFolderOnly) {
  TempDir dir;
  const auto path = dir.file("own/q.db");
  open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  ::chmod(dir.file("own").c_str(), 0755);
  ::chmod((path + "-shm").c_str(), 0644);
  ::chmod(path.c_str(), 0640);
  entries_of(*open_store(path, Access::kRead, false));
  EXPECT_EQ(mode_of(path), 0600U);
  EXPECT_EQ(mode_of(path + "-shm"), 0600U);
  EXPECT_EQ(mode_of(dir.file("own")), 0755U);  // someone's folder: left alone
  entries_of(*open_store(path, Access::kRead, true));
  EXPECT_EQ(mode_of(dir.file("own")), 0700U);  // qlfit's own folder
  ::chmod(path.c_str(), 0444);                 // read-only stays read-only
  entries_of(*open_store(path, Access::kRead));
  EXPECT_EQ(mode_of(path), 0400U);
}

TEST(OpenStore, ReadingChangesNoByteAndMakesNoFile) {
  TempDir dir;
  const auto path = dir.file("q.db");
  {
    auto store = open_store(path, Access::kWrite);
    store->add(session_on(2026_y / 11 / 24));
    store->backup(dir.file("backup.db"));  // a rollback-journal file, as backups are
  }
  for (const Access access : {Access::kRead, Access::kTry}) {
    for (const auto& file : {path, dir.file("backup.db")}) {
      const auto names = listing(dir.path().string());
      const std::string bytes = contents(file);
      auto store = open_store(file, access);
      EXPECT_EQ(entries_of(*store).size(), 1U) << file;
      EXPECT_EQ(store->settings().size(), 0U);
      store.reset();
      EXPECT_EQ(contents(file), bytes) << file;
      EXPECT_EQ(listing(dir.path().string()), names) << file;
    }
  }
  SQLite::Database backup(dir.file("backup.db"));
  EXPECT_EQ(backup.execAndGet("PRAGMA journal_mode").getString(), "delete");
}

TEST(OpenStore, AWalFileWithoutItsWalIsReadSafelyAndKeepsItsBytes) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  const std::string bytes = contents(path);
  EXPECT_EQ(entries_of(*open_store(path, Access::kRead)).size(), 1U);
  EXPECT_EQ(contents(path), bytes);
  // SQLite needs them to read safely while another process may write; empty.
  EXPECT_EQ(listing(dir.path().string()),
            (std::vector<std::string>{"q.db", "q.db-shm", "q.db-wal"}));
  EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0U);
}

TEST(OpenStore, ADryRunChangesNoByteOfAnOlderOrRollbackFile) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->backup(dir.file("backup.db"));
  const auto backup = dir.file("backup.db");
  testing::make_schema_version_1(backup);
  const std::string bytes = contents(backup);
  auto store = open_store(backup, Access::kTry);
  const auto count = store->import(
      [](const Store::ImportAdd& add) {
        Entry entry;
        entry.id = "6ed672a2-866a-4695-92da-7810ba978d12";
        entry.activity = "walk";
        entry.kind = Kind::kWalk;
        entry.local_date = 2026_y / 11 / 24;
        entry.duration = std::chrono::minutes{20};
        add(entry, 2);
      },
      [] { return Store::ImportExtras{}; }, true);
  EXPECT_EQ(count.added, 1U);
  store.reset();
  EXPECT_EQ(contents(backup), bytes);
  EXPECT_EQ(listing(dir.path().string()),
            (std::vector<std::string>{"backup.db", "q.db", "q.db-shm", "q.db-wal"}));
}

TEST(OpenStore, AnEmptyFileIsNotTightenedByAReader) {
  TempDir dir;
  const auto path = dir.file("empty");
  std::ofstream{path};
  ::chmod(path.c_str(), 0644);
  EXPECT_TRUE(entries_of(*open_store(path, Access::kRead)).empty());
  EXPECT_EQ(mode_of(path), 0644U);
  EXPECT_EQ(std::filesystem::file_size(path), 0U);
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

TEST(OpenStore, ALockHeldByAnotherProgramSaysSo) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 24));
  SQLite::Database holder(path, SQLite::OPEN_READWRITE);
  holder.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT");
  holder.exec("BEGIN EXCLUSIVE");
  try {
    open_store(path, Access::kWrite)->add(session_on(2026_y / 11 / 25));
    ADD_FAILURE() << "wrote past an exclusive lock";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("locked by another program"), std::string::npos)
        << error.what();
  }
  holder.exec("ROLLBACK");
}

TEST(OpenStore, AFolderPathCreatesNothing) {
  TempDir dir;
  EXPECT_THROW(open_store(dir.file("new/"), Access::kWrite), Error);
  EXPECT_THROW(open_store(dir.file("a/b/"), Access::kImport), Error);
  EXPECT_TRUE(listing(dir.path().string()).empty());
}

TEST(Import, AFailedImportIntoAMissingDatabaseCreatesNothing) {
  TempDir dir;
  const auto path = dir.file("a/b/q.db");
  auto store = open_store(path, Access::kImport);
  EXPECT_THROW(store->import(
                   [](const Store::ImportAdd& add) {
                     add(imported("6ed672a2-866a-4695-92da-7810ba978d12", 2026_y / 11 / 24), 2);
                     throw Error(ErrorCode::kInvalidInput, "in.csv:3: a bad row");
                   },
                   [] { return Store::ImportExtras{}; }, false),
               Error);
  store.reset();
  EXPECT_TRUE(listing(dir.path().string()).empty());
}

TEST(Import, ASuccessfulImportIntoAMissingDatabaseAppearsWhole) {
  TempDir dir;
  const auto path = dir.file("a/q.db");
  const auto old_mask = ::umask(0);
  auto store = open_store(path, Access::kImport);
  const auto count = store->import(
      [](const Store::ImportAdd& add) {
        add(imported("6ed672a2-866a-4695-92da-7810ba978d12", 2026_y / 11 / 24), 2);
      },
      [] {
        Store::ImportExtras extras;
        extras.settings["walk.min"] = "25";
        return extras;
      },
      false);
  ::umask(old_mask);
  EXPECT_EQ(count.added, 1U);
  store->add(session_on(2026_y / 11 / 25));  // the store goes on, on the real file
  store.reset();
  EXPECT_EQ(listing(dir.file("a")), (std::vector<std::string>{"q.db", "q.db-shm", "q.db-wal"}));
  EXPECT_EQ(mode_of(path), 0600U);
  EXPECT_EQ(mode_of(dir.file("a")), 0700U);
  auto reader = open_store(path, Access::kRead);
  EXPECT_EQ(entries_of(*reader).size(), 2U);
  EXPECT_EQ(reader->settings().at("walk.min"), "25");
}

}  // namespace
}  // namespace qlfit::storage
