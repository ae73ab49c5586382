// The operations an import writes: byte for byte what undo and sync read (the import's fast
// path must not change them).
#include "sqlite_store.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qlfit::storage {
namespace {

using namespace date::literals;
using qlfit::testing::TempDir;

Entry imported(const std::string& id, const std::string& activity, Kind kind, int day) {
  Entry entry;
  entry.id = id;
  entry.activity = activity;
  entry.kind = kind;
  entry.offset = std::chrono::hours{1};
  entry.local_date = 2026_y / 11 / date::day(static_cast<unsigned>(day));
  entry.start = date::sys_days{entry.local_date} + std::chrono::hours{7};
  entry.duration = std::chrono::minutes{10};
  if (day == 24) {
    entry.pain = 3;
    entry.note = "a \"quoted\" note";
  }
  entry.created = date::sys_days{2026_y / 11 / 26};
  return entry;
}

std::vector<std::string> op_rows(const std::string& path) {
  SQLite::Database db(path);
  SQLite::Statement query(db, R"sql(
SELECT n || '|' || coalesce(device, '-') || '|' || seq || '|' || at_ms || '|' || kind || '|' ||
       CASE WHEN kind = 'pause.add' THEN 'pause' ELSE target || '|' || coalesce(data, '-') END
       || '|' || coalesce(before, '-') || '|' || coalesce(change, '-') || '|' || label || '|' ||
       coalesce(undoes, '-') || '|' || undone FROM op ORDER BY n)sql");
  std::vector<std::string> rows;
  while (query.executeStep())
    rows.push_back(query.getColumn(0).getString());
  return rows;
}

TEST(Import, WritesTheOperationsUndoAndSyncRead) {
  TempDir dir;
  const auto path = dir.file("q.db");
  const auto feed = [](const Store::ImportAdd& add) {
    add(imported("6ed672a2-866a-4695-92da-7810ba978d12", "butt-walk", Kind::kSession, 24), 2);
    add(imported("7ed672a2-866a-4695-92da-7810ba978d13", "hike", Kind::kWalk, 25), 3);
  };
  const auto extras = [] {
    Store::ImportExtras extras;
    extras.activities.push_back(Activity{"hike", Kind::kWalk, "up the hill"});
    Pause rest;
    rest.days = {2026_y / 12 / 1, 2026_y / 12 / 3};
    extras.pauses.push_back(rest);
    extras.settings["walk.min"] = "25";
    return extras;
  };
  {
    auto store = open_store(path, Access::kImport);
    store->record_changes_at(date::sys_days{2026_y / 11 / 27});
    EXPECT_EQ(store->import(feed, extras, false).added, 2U);
    // Again: everything is here, nothing is recorded.
    EXPECT_EQ(store->import(feed, extras, false).present, 2U);
  }
  const std::string at = "|1795737600000|";
  EXPECT_EQ(
      op_rows(path),
      (std::vector<std::string>{
          "1|-|1" + at + "entry.create|entry:6ed672a2-866a-4695-92da-7810ba978d12|" +
              R"({"id":"6ed672a2-866a-4695-92da-7810ba978d12","activity":"butt-walk",)" +
              R"("kind":"session","start":1795676400,"offset_s":3600,)" +
              R"("local_date":"2026-11-24","duration_s":600,"pain":3,)" +
              R"("note":"a \"quoted\" note","created":1795651200,"source":"import"}|-|1|import|-|0)",
      }));
}

}  // namespace
}  // namespace qlfit::storage
