// Several writers and readers on one file: waiting for locks, failing cleanly, migrating once.
#include "qlfit/error.hpp"

#include "old_schema.hpp"
#include "sqlite_store.hpp"
#include "store_reads.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace qlfit::storage {
namespace {

using namespace date::literals;
using qlfit::testing::entries_of;
using qlfit::testing::session_on;
using qlfit::testing::TempDir;

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

}  // namespace
}  // namespace qlfit::storage
