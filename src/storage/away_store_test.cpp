// The store's away periods: closing one and logging its natural break is one transaction.
#include "qlfit/error.hpp"

#include "sqlite_store.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>

namespace qlfit::storage {
namespace {

using namespace date::literals;
using qlfit::testing::TempDir;

const date::sys_seconds kBack{date::sys_days{2026_y / 11 / 24} + std::chrono::hours{10}};
const AwayPeriod kLeft{date::sys_days{2026_y / 11 / 24} + std::chrono::hours{9},
                       std::chrono::hours{1}};

NewEntry break_for(const AwayPeriod& period) {
  NewEntry entry;
  entry.activity = "break";
  entry.kind = Kind::kBreak;
  entry.start = period.start;
  entry.offset = period.offset;
  entry.local_date = 2026_y / 11 / 24;
  entry.duration = std::chrono::minutes{12};
  entry.source = Source::kAway;
  return entry;
}

int rows(const std::string& path, const std::string& table) {
  SQLite::Database db(path);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt();
}

TEST(EndAway, ClosesThePeriodAndLogsItsBreakAsOneChange) {
  TempDir dir;
  const auto path = dir.file("q.db");
  auto store = open_store(path, Access::kWrite);
  ASSERT_TRUE(store->begin_away(kLeft));
  const auto ended =
      store->end_away(kBack, [](const AwayPeriod& period) -> std::optional<NewEntry> {
        EXPECT_EQ(period.start, kLeft.start);
        EXPECT_EQ(period.offset, kLeft.offset);
        return break_for(period);
      });
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->period.start, kLeft.start);
  ASSERT_TRUE(ended->entry);
  EXPECT_EQ(ended->entry->source, Source::kAway);
  EXPECT_EQ(ended->entry->start, kLeft.start);
  EXPECT_FALSE(store->away());
  EXPECT_EQ(rows(path, "entry"), 1);
  // The operation log holds it as the change "away end", and undo takes the break back.
  const auto undone = store->undo();
  ASSERT_TRUE(undone);
  EXPECT_EQ(undone->label, "away end");
  EXPECT_EQ(undone->operations, 1U);
  EXPECT_EQ(rows(path, "entry"), 0);
}

TEST(EndAway, AFailureWhileLoggingTheBreakLeavesThePeriodOpenAndNothingWritten) {
  TempDir dir;
  const auto path = dir.file("q.db");
  auto store = open_store(path, Access::kWrite);
  ASSERT_TRUE(store->begin_away(kLeft));
  const int operations = rows(path, "op");
  EXPECT_THROW(store->end_away(kBack,
                               [](const AwayPeriod&) -> std::optional<NewEntry> {
                                 throw Error(ErrorCode::kInvalidInput, "interrupted");
                               }),
               Error);
  ASSERT_TRUE(store->away());
  EXPECT_EQ(store->away()->start, kLeft.start);
  EXPECT_EQ(rows(path, "entry"), 0);
  EXPECT_EQ(rows(path, "op"), operations);
  // An entry the database refuses (no such activity) is the same: the period stays open.
  EXPECT_THROW(store->end_away(kBack,
                               [](const AwayPeriod& period) -> std::optional<NewEntry> {
                                 NewEntry entry = break_for(period);
                                 entry.activity = "no-such-activity";
                                 return entry;
                               }),
               Error);
  EXPECT_TRUE(store->away());
  EXPECT_EQ(rows(path, "entry"), 0);
  EXPECT_EQ(rows(path, "op"), operations);
}

TEST(EndAway, AShortPeriodIsClosedWithoutAnEntryOrAChange) {
  TempDir dir;
  const auto path = dir.file("q.db");
  auto store = open_store(path, Access::kWrite);
  ASSERT_TRUE(store->begin_away(kLeft));
  const auto ended = store->end_away(
      kBack, [](const AwayPeriod&) -> std::optional<NewEntry> { return std::nullopt; });
  ASSERT_TRUE(ended);
  EXPECT_FALSE(ended->entry);
  EXPECT_FALSE(store->away());
  EXPECT_EQ(rows(path, "entry"), 0);
  EXPECT_FALSE(store->undo());
}

TEST(EndAway, NoPeriodOpenAsksForNoBreak) {
  TempDir dir;
  auto store = open_store(dir.file("q.db"), Access::kWrite);
  bool asked = false;
  EXPECT_FALSE(store->end_away(kBack, [&asked](const AwayPeriod&) -> std::optional<NewEntry> {
    asked = true;
    return std::nullopt;
  }));
  EXPECT_FALSE(asked);
}

}  // namespace
}  // namespace qlfit::storage
