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
    Store::ImportExtras more;
    more.activities.push_back(Activity{"hike", Kind::kWalk, "up the hill"});
    Pause rest;
    rest.days = {2026_y / 12 / 1, 2026_y / 12 / 3};
    more.pauses.push_back(rest);
    more.settings["walk.min"] = "25";
    return more;
  };
  {
    auto store = open_store(path, Access::kImport);
    store->record_changes_at(date::sys_days{2026_y / 11 / 27});
    EXPECT_EQ(store->import(feed, extras, false).added, 2U);
    // Again: everything is here, nothing is recorded.
    EXPECT_EQ(store->import(feed, extras, false).present, 2U);
  }
  // As written before the import recorded entries without reading them back.
  const std::string first = R"({"id":"6ed672a2-866a-4695-92da-7810ba978d1)";
  const std::string hike = R"({"name":"hike","kind":"walk","description":)";
  EXPECT_EQ(
      op_rows(path),
      (std::vector<std::string>{
          "1|-|1|1795737600000|entry.create|entry:6ed672a2-866a-4695-92da-7810ba978d12|" + first +
              R"(2","activity":"butt-walk","kind":"session","start":1795503600,"offset_s":3600,)"
              R"("local_date":"2026-11-24","duration_s":600,"pain":3,)"
              R"("note":"a \"quoted\" note","created":1795651200,"source":"manual"}|-|1|import|-|0)",
          "2|-|2|1795737600001|activity.set|activity:hike|" + hike +
              R"("","archived":false}|-|1|import|-|0)",
          std::string(
              "3|-|3|1795737600002|entry.create|entry:7ed672a2-866a-4695-92da-7810ba978d13|") +
              R"({"id":"7ed672a2-866a-4695-92da-7810ba978d13",)"
              R"("activity":"hike","kind":"walk","start":1795590000,"offset_s":3600,)"
              R"("local_date":"2026-11-25","duration_s":600,"pain":null,"note":null,)"
              R"("created":1795651200,"source":"manual"}|-|1|import|-|0)",
          "4|-|4|1795737600003|activity.set|activity:hike|" + hike +
              R"("up the hill","archived":false}|)" + hike + R"("","archived":false}|1|import|-|0)",
          "5|-|5|1795737600004|pause.add|pause|-|1|import|-|0",
          R"(6|-|6|1795737600005|setting.set|setting:walk.min|{"key":"walk.min","value":"25"}|)"
          R"(-|1|import|-|0)",
      }));
}

}  // namespace
}  // namespace qlfit::storage
