#include "qlfit/error.hpp"

#include "memory_store.hpp"
#include "sqlite_store.hpp"
#include "store_reads.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace qlfit {
namespace {

using namespace date::literals;
using testing::entries_of;

// A real SQLite file in a temporary folder.
struct Sqlite {
  testing::TempDir dir;
  std::unique_ptr<Store> store = storage::open_store(dir.file("qlfit.db"), storage::Access::kWrite);
  Store& get() { return *store; }
};

struct Memory {
  testing::MemoryStore store;
  Store& get() { return store; }
};

// What the Store port promises (include/qlfit/store.hpp), held by every store.
template <typename Holder>
class StoreContract : public ::testing::Test {
 protected:
  Store& store() { return holder_.get(); }

  static NewEntry fresh(const char* activity, Kind kind, date::sys_days day, int hour) {
    NewEntry entry;
    entry.activity = activity;
    entry.kind = kind;
    entry.start = day + std::chrono::hours{hour};
    entry.local_date = date::year_month_day{day};
    entry.duration = std::chrono::minutes{10};
    return entry;
  }

 private:
  Holder holder_;
};

struct StoreName {
  template <typename Holder>
  static std::string GetName(int /*index*/) {
    return std::is_same_v<Holder, Sqlite> ? "Sqlite" : "Memory";
  }
};

using Stores = ::testing::Types<Sqlite, Memory>;
TYPED_TEST_SUITE(StoreContract, Stores, StoreName);

TYPED_TEST(StoreContract, StartsWithTheThreeBuiltInActivities) {
  const auto all = this->store().activities();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].name, "butt-walk");
  EXPECT_TRUE(all[2].builtin);
}

TYPED_TEST(StoreContract, EntriesComeOldestFirstWhateverTheOrderLogged) {
  Store& store = this->store();
  store.add(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, 9));
  store.add(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 23}, 9));
  const auto all = entries_of(store);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].n, 2);
  EXPECT_EQ(all[1].n, 1);
}

TYPED_TEST(StoreContract, ALimitKeepsTheMostRecent) {
  Store& store = this->store();
  for (int hour = 6; hour < 10; ++hour)
    store.add(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, hour));
  EntryFilter last_two;
  last_two.limit = 2;
  const auto all = entries_of(store, last_two);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].n, 3);
  EXPECT_EQ(all[1].n, 4);
}

TYPED_TEST(StoreContract, FiltersNarrowByDatesActivityAndKind) {
  Store& store = this->store();
  store.add(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 23}, 9));
  store.add(this->fresh("butt-walk", Kind::kSession, date::sys_days{2026_y / 11 / 24}, 9));
  EntryFilter filter;
  filter.kind = Kind::kSession;
  EXPECT_EQ(entries_of(store, filter).size(), 1U);
  filter = {};
  filter.local_dates = DateRange{2026_y / 11 / 23, 2026_y / 11 / 23};
  EXPECT_EQ(entries_of(store, filter).at(0).activity, "walk");
  EXPECT_EQ(store.first_local_date(), 2026_y / 11 / 23);
}

TYPED_TEST(StoreContract, AMissingEntryIsNoneAndRemovingItRemovesNothing) {
  Store& store = this->store();
  const Entry kept =
      store.add(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 23}, 9));
  EXPECT_FALSE(store.entry_numbered(7));
  EXPECT_THROW(store.remove({kept.n, 7}), Error);
  EXPECT_EQ(entries_of(store).size(), 1U);
  EXPECT_EQ(store.entries_with_id_prefix(kept.id.substr(0, 8), 2).size(), 1U);
}

TYPED_TEST(StoreContract, ImportByIdIsIdempotent) {
  Store& store = this->store();
  Entry entry;
  entry.id = "6ed672a2-866a-4695-92da-7810ba978d12";
  entry.activity = "plank";
  entry.kind = Kind::kSession;
  entry.start = date::sys_days{2026_y / 11 / 24};
  entry.local_date = 2026_y / 11 / 24;
  entry.duration = std::chrono::minutes{5};
  const auto once = [&](const Store::ImportAdd& add) { add(entry, 2); };
  const auto none = [] { return Store::ImportExtras{}; };
  EXPECT_EQ(store.import(once, none, false).added, 1U);
  const auto again = store.import(once, none, false);
  EXPECT_EQ(again.added, 0U);
  EXPECT_EQ(again.present, 1U);
  EXPECT_EQ(store.find_activity("plank")->kind, Kind::kSession);
}

TYPED_TEST(StoreContract, AFailedImportKeepsNothing) {
  Store& store = this->store();
  Entry entry;
  entry.id = "6ed672a2-866a-4695-92da-7810ba978d12";
  entry.activity = "plank";
  entry.start = date::sys_days{2026_y / 11 / 24};
  entry.local_date = 2026_y / 11 / 24;
  entry.duration = std::chrono::minutes{5};
  const auto feed = [&](const Store::ImportAdd& add) {
    add(entry, 2);
    throw Error(ErrorCode::kInvalidInput, "bad row");
  };
  EXPECT_THROW(store.import(
                   feed, [] { return Store::ImportExtras{}; }, false),
               Error);
  EXPECT_TRUE(entries_of(store).empty());
  EXPECT_FALSE(store.find_activity("plank"));
}

TYPED_TEST(StoreContract, ADryRunImportKeepsNothing) {
  Store& store = this->store();
  Store::ImportExtras extras;
  extras.settings["walk.min"] = "30";
  const auto count = store.import([](const Store::ImportAdd&) {}, [&] { return extras; }, true);
  EXPECT_EQ(count.added, 0U);
  EXPECT_TRUE(store.settings().empty());
}

TYPED_TEST(StoreContract, OneTimerAtATime) {
  Store& store = this->store();
  store.start_timer(Timer{"walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, {}});
  EXPECT_THROW(store.start_timer(Timer{"walk", Kind::kWalk, {}, {}}), Error);
  const Entry entry =
      store.finish_timer(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, 0));
  EXPECT_EQ(entry.n, 1);
  EXPECT_FALSE(store.timer());
  EXPECT_FALSE(store.cancel_timer());
}

TYPED_TEST(StoreContract, PausesComeEarliestFirstAndGoByNumber) {
  Store& store = this->store();
  const Pause later = store.add_pause({2026_y / 12 / 1, 2026_y / 12 / 3}, std::nullopt);
  store.add_pause({2026_y / 11 / 1, 2026_y / 11 / 3}, std::string("knee"));
  EXPECT_EQ(store.pauses().at(0).note, "knee");
  EXPECT_EQ(store.remove_pause(later.n)->days.first, 2026_y / 12 / 1);
  EXPECT_FALSE(store.remove_pause(later.n));
}

TYPED_TEST(StoreContract, AnArchivedActivityComesBackWithItsKind) {
  Store& store = this->store();
  store.add_activity(Activity{"plank", Kind::kSession, "", false, false});
  EXPECT_TRUE(store.remove_activity("plank", true));
  EXPECT_TRUE(store.find_activity("plank")->archived);
  store.add_activity(Activity{"plank", Kind::kSession, "again", false, false});
  EXPECT_FALSE(store.find_activity("plank")->archived);
  EXPECT_FALSE(store.remove_activity("yoga", false));
}

TYPED_TEST(StoreContract, SettingsAreStoredAndForgotten) {
  Store& store = this->store();
  store.set_setting("walk.min", "30");
  EXPECT_EQ(store.settings().at("walk.min"), "30");
  EXPECT_TRUE(store.unset_setting("walk.min"));
  EXPECT_FALSE(store.unset_setting("walk.min"));
}

TYPED_TEST(StoreContract, OneAwayPeriodAtATime) {
  Store& store = this->store();
  const AwayPeriod period{date::sys_days{2026_y / 11 / 24}, {}};
  EXPECT_TRUE(store.begin_away(period));
  EXPECT_FALSE(store.begin_away(period));
  EXPECT_EQ(store.end_away()->start, period.start);
  EXPECT_FALSE(store.end_away());
}

}  // namespace
}  // namespace qlfit
