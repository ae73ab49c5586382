// What opening leaves alone: bytes, modes and times of files that are not written, and
// the -wal/-shm files; a first import appears whole or not at all.
#include "qlfit/error.hpp"

#include "files.hpp"
#include "old_schema.hpp"
#include "sqlite_store.hpp"
#include "store_reads.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
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
