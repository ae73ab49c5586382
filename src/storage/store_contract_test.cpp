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
using testing::imported;
using testing::session_on;

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

// An import counts what it brought besides entries: pauses added, activities only its
// list names created, settings whose value changed; what was there already, not.
TYPED_TEST(StoreContract, AnImportCountsThePausesActivitiesAndSettingsItBrings) {
  Store& store = this->store();
  Store::ImportExtras extras;
  extras.pauses.push_back(Pause{0, {2026_y / 12 / 1, 2026_y / 12 / 3}, "physio", ""});
  extras.activities.push_back(Activity{"side-plank", Kind::kSession, ""});
  extras.activities.push_back(Activity{"walk", Kind::kWalk, ""});
  extras.settings["walk.min"] = "30";
  const auto none = [](const Store::ImportAdd&) {};
  const auto first = store.import(
      none, [&] { return extras; }, false);
  EXPECT_EQ(first.added, 0U);
  EXPECT_EQ(first.pauses, 1U);
  EXPECT_EQ(first.activities, 1U);
  EXPECT_EQ(first.settings, 1U);
  const auto again = store.import(
      none, [&] { return extras; }, false);
  EXPECT_EQ(again.pauses + again.activities + again.settings, 0U);
}

TYPED_TEST(StoreContract, OneTimerAtATime) {
  Store& store = this->store();
  EXPECT_TRUE(store.start_timer(Timer{"walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, {}}));
  EXPECT_FALSE(store.start_timer(Timer{"break", Kind::kBreak, {}, {}}));
  EXPECT_EQ(store.timer()->activity, "walk");
  const auto entry =
      store.finish_timer(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, 0));
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->n, 1);
  EXPECT_FALSE(store.timer());
  EXPECT_FALSE(
      store.finish_timer(this->fresh("walk", Kind::kWalk, date::sys_days{2026_y / 11 / 24}, 1)));
  EXPECT_TRUE(entries_of(store).size() == 1U);
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
  EXPECT_TRUE(store.add_activity(Activity{"plank", Kind::kSession, "", false, false}));
  EXPECT_TRUE(store.remove_activity("plank", true));
  EXPECT_TRUE(store.find_activity("plank")->archived);
  EXPECT_FALSE(store.add_activity(Activity{"plank", Kind::kWalk, "", false, false}));
  EXPECT_TRUE(store.add_activity(Activity{"plank", Kind::kSession, "again", false, false}));
  EXPECT_FALSE(store.find_activity("plank")->archived);
  EXPECT_EQ(store.find_activity("plank")->description, "again");
  EXPECT_FALSE(store.add_activity(Activity{"walk", Kind::kWalk, "", false, false}));
  EXPECT_FALSE(store.remove_activity("yoga", false));
}

// Where the away periods of these tests end: the user came back then.
const date::sys_seconds kBack{date::sys_days{2026_y / 11 / 26} + std::chrono::hours{10}};

TYPED_TEST(StoreContract, OneAwayPeriodAtATime) {
  Store& store = this->store();
  const AwayPeriod period{date::sys_days{2026_y / 11 / 24}, {}};
  EXPECT_TRUE(store.begin_away(period));
  EXPECT_FALSE(store.begin_away(period));
  const auto no_break = [](const AwayPeriod&) -> std::optional<NewEntry> { return std::nullopt; };
  const auto ended = store.end_away(kBack, no_break);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->period.start, period.start);
  EXPECT_FALSE(ended->entry);
  EXPECT_FALSE(store.end_away(kBack, no_break));
  EXPECT_TRUE(entries_of(store).empty());
}

TYPED_TEST(StoreContract, TheReturnFromTheLatestNaturalBreakIsKept) {
  Store& store = this->store();
  const auto no_break = [](const AwayPeriod&) -> std::optional<NewEntry> { return std::nullopt; };
  const auto a_break = [&](const AwayPeriod& away) -> std::optional<NewEntry> {
    NewEntry entry = this->fresh("break", Kind::kBreak, date::sys_days{2026_y / 11 / 24}, 9);
    entry.start = away.start;
    entry.source = Source::kAway;
    return entry;
  };
  EXPECT_FALSE(store.back_at());
  ASSERT_TRUE(store.begin_away(AwayPeriod{date::sys_days{2026_y / 11 / 24}, {}}));
  EXPECT_FALSE(store.back_at());
  ASSERT_TRUE(store.end_away(kBack, a_break));
  EXPECT_EQ(store.back_at(), kBack);
  EXPECT_FALSE(store.away());
  // A new period opens over the closed one; the return before it is still known.
  const AwayPeriod later{kBack + std::chrono::hours{2}, std::chrono::hours{1}};
  ASSERT_TRUE(store.begin_away(later));
  ASSERT_TRUE(store.away());
  EXPECT_EQ(store.away()->start, later.start);
  EXPECT_EQ(store.away()->offset, later.offset);
  EXPECT_FALSE(store.begin_away(later));
  EXPECT_EQ(store.back_at(), kBack);
  // Too short to be a break: the user never left, as far as sitting goes.
  ASSERT_TRUE(store.end_away(kBack + std::chrono::hours{3}, no_break));
  EXPECT_EQ(store.back_at(), kBack);
  // A natural break that cannot be made leaves the period open and the return as it was.
  ASSERT_TRUE(store.begin_away(AwayPeriod{kBack + std::chrono::hours{4}, {}}));
  EXPECT_THROW(store.end_away(kBack + std::chrono::hours{5},
                              [](const AwayPeriod&) -> std::optional<NewEntry> {
                                throw Error(ErrorCode::kInvalidInput, "interrupted");
                              }),
               Error);
  EXPECT_TRUE(store.away());
  EXPECT_EQ(store.back_at(), kBack);
  ASSERT_TRUE(store.end_away(kBack + std::chrono::hours{6}, a_break));
  EXPECT_EQ(store.back_at(), kBack + std::chrono::hours{6});
  // A break not cut at 24h ends when the user came back: no return is kept beside it.
  ASSERT_TRUE(store.begin_away(AwayPeriod{kBack + std::chrono::hours{7}, {}}));
  ASSERT_TRUE(store.end_away(std::nullopt, a_break));
  EXPECT_FALSE(store.back_at());
}

TYPED_TEST(StoreContract, ClosingAnAwayPeriodLogsItsBreakOrLeavesItOpen) {
  Store& store = this->store();
  const date::sys_days day{2026_y / 11 / 24};
  ASSERT_TRUE(store.begin_away(AwayPeriod{day + std::chrono::hours{9}, {}}));
  // A natural break that cannot be made leaves the period open and nothing logged.
  EXPECT_THROW(store.end_away(kBack,
                              [](const AwayPeriod&) -> std::optional<NewEntry> {
                                throw Error(ErrorCode::kInvalidInput, "interrupted");
                              }),
               Error);
  ASSERT_TRUE(store.away());
  EXPECT_TRUE(entries_of(store).empty());
  const auto ended = store.end_away(kBack, [&](const AwayPeriod& away) -> std::optional<NewEntry> {
    NewEntry entry = this->fresh("break", Kind::kBreak, day, 9);
    entry.start = away.start;
    entry.source = Source::kAway;
    return entry;
  });
  ASSERT_TRUE(ended && ended->entry);
  EXPECT_EQ(ended->entry->start, day + std::chrono::hours{9});
  EXPECT_FALSE(store.away());
  const auto entries = entries_of(store);
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].source, Source::kAway);
}

TYPED_TEST(StoreContract, SettingsAreReplacedAndForgotten) {
  Store& store = this->store();
  store.set_setting("walk.min", "15");
  store.set_setting("walk.min", "25");
  EXPECT_EQ(store.settings(), (std::map<std::string, std::string>{{"walk.min", "25"}}));
  EXPECT_TRUE(store.unset_setting("walk.min"));
  EXPECT_FALSE(store.unset_setting("walk.min"));
  EXPECT_TRUE(store.settings().empty());
}

TYPED_TEST(StoreContract, FactsAreTheEntriesStatsNeedInDayOrder) {
  Store& store = this->store();
  NewEntry walk = session_on(2026_y / 11 / 25, 7);
  walk.activity = "walk";
  walk.kind = Kind::kWalk;
  walk.duration = std::chrono::minutes{25};
  walk.pain = 4;
  store.add(walk);
  store.add(session_on(2026_y / 11 / 24, 9));
  store.add(session_on(2026_y / 11 / 20));
  EntryFilter filter;
  filter.local_dates = DateRange{2026_y / 11 / 23, 2026_y / 11 / 29};
  const auto facts = store.facts(filter);
  ASSERT_EQ(facts.size(), 2U);
  EXPECT_EQ(facts[0].start, session_on(2026_y / 11 / 24, 9).start);
  EXPECT_EQ(facts[0].kind, Kind::kSession);
  EXPECT_EQ(facts[0].pain, std::nullopt);
  EXPECT_EQ(facts[1].kind, Kind::kWalk);
  EXPECT_EQ(facts[1].start, walk.start);
  EXPECT_EQ(facts[1].offset, walk.offset);
  EXPECT_EQ(facts[1].duration, walk.duration);
  EXPECT_EQ(facts[1].pain, 4);
  filter.local_dates.reset();
  filter.kind = Kind::kSession;
  EXPECT_EQ(store.facts(filter).size(), 2U);
  filter.kind.reset();
  filter.activity = "walk";
  ASSERT_EQ(store.facts(filter).size(), 1U);
  EXPECT_EQ(store.facts(filter)[0].kind, Kind::kWalk);
}

TYPED_TEST(StoreContract, RemoveLastOnEmptyIsNothing) {
  EXPECT_FALSE(this->store().remove_last());
}

TYPED_TEST(StoreContract, EntriesAreOldestFirstAndLimitKeepsTheMostRecent) {
  Store& store = this->store();
  store.add(session_on(2026_y / 11 / 24, 9));
  store.add(session_on(2026_y / 11 / 23, 9));
  store.add(session_on(2026_y / 11 / 24, 9));
  const auto all = entries_of(store);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].n, 2);
  EXPECT_EQ(all[1].n, 1);
  EXPECT_EQ(all[2].n, 3);
  EntryFilter last_two;
  last_two.limit = 2;
  const auto recent = entries_of(store, last_two);
  ASSERT_EQ(recent.size(), 2U);
  EXPECT_EQ(recent[0].n, 1);
  EXPECT_EQ(recent[1].n, 3);
}

TYPED_TEST(StoreContract, FiltersByDatesActivityAndKind) {
  Store& store = this->store();
  store.add(session_on(2026_y / 11 / 22));
  store.add(session_on(2026_y / 11 / 23));
  NewEntry walk = session_on(2026_y / 11 / 23);
  walk.activity = "walk";
  walk.kind = Kind::kWalk;
  store.add(walk);
  EntryFilter filter;
  filter.local_dates = DateRange{2026_y / 11 / 23, 2026_y / 11 / 29};
  EXPECT_EQ(entries_of(store, filter).size(), 2U);
  filter.kind = Kind::kWalk;
  EXPECT_EQ(entries_of(store, filter).size(), 1U);
  filter.kind.reset();
  filter.activity = "butt-walk";
  EXPECT_EQ(entries_of(store, filter).size(), 1U);
}

TYPED_TEST(StoreContract, KeepsNotesVerbatim) {
  Store& store = this->store();
  NewEntry entry = session_on(2026_y / 11 / 24);
  entry.note = "'); DROP TABLE entry; -- \"quoted\"\nnew line 💪";
  entry.pain = 0;
  const Entry saved = store.add(entry);
  EXPECT_EQ(saved.note, entry.note);
  EXPECT_EQ(saved.pain, 0);
}

TYPED_TEST(StoreContract, OneIdOnTwoRowsNamesTheEarlierOne) {
  Store& store = this->store();
  const std::string present = "6ed672a2-866a-4695-92da-7810ba978d12";
  const std::string fresh = "7ed672a2-866a-4695-92da-7810ba978d13";
  store.import([&](const Store::ImportAdd& add) { add(imported(present, 2026_y / 11 / 24), 2); },
               [] { return Store::ImportExtras{}; }, false);
  std::vector<std::optional<std::size_t>> answers;
  store.import(
      [&](const Store::ImportAdd& add) {
        answers.push_back(add(imported(present, 2026_y / 11 / 24), 2));
        answers.push_back(add(imported(fresh, 2026_y / 11 / 24), 3));
        answers.push_back(add(imported(fresh, 2026_y / 11 / 25), 7));
        answers.push_back(add(imported(present, 2026_y / 11 / 24), 9));
      },
      [] { return Store::ImportExtras{}; }, true);
  EXPECT_EQ(answers, (std::vector<std::optional<std::size_t>>{std::nullopt, std::nullopt, 3, 2}));
}

}  // namespace
}  // namespace qlfit
