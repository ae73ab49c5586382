#include "qlfit/entries.hpp"

#include "qlfit/error.hpp"

#include "berlin.hpp"
#include "memory_store.hpp"
#include "requests.hpp"
#include "store_reads.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using testing::berlin_at;
using testing::entries_of;
using testing::MemoryStore;

const TimeContext kNow = berlin_at("2026-11-26T10:00:00+01:00");

Entry logged(MemoryStore& store, const std::string& activity, const std::string& at,
             const std::string& minutes) {
  LogRequest request = testing::log_request(activity, at);
  request.minutes = minutes;
  return log_activity(store, request, Settings{}, kNow).entry;
}

TEST(LogActivity, AddsOneEntryCountedInItsWeek) {
  MemoryStore store;
  const Logged first = log_activity(store, testing::log_request("butt-walk"), Settings{}, kNow);
  EXPECT_EQ(first.entry.n, 1);
  EXPECT_EQ(first.week.sessions.count, 1);
  EXPECT_EQ(first.weeks_ago, 0);
  EXPECT_EQ(entries_of(store).size(), 1U);
}

TEST(LogActivity, AWalkWithoutItsLengthIsRefusedAndNothingIsAdded) {
  MemoryStore store;
  EXPECT_THROW(log_activity(store, testing::log_request("walk"), Settings{}, kNow), Error);
  EXPECT_TRUE(entries_of(store).empty());
}

TEST(LogActivity, AnUnknownActivityIsNotFound) {
  MemoryStore store;
  try {
    log_activity(store, testing::log_request("yoga"), Settings{}, kNow);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kNotFound);
  }
}

TEST(RequestedDuration, ForAndMinutesTogetherAreRefused) {
  EXPECT_THROW(requested_duration("10m", "10"), Error);
  EXPECT_EQ(requested_duration(std::nullopt, "25"), std::chrono::minutes{25});
  EXPECT_EQ(requested_duration(std::nullopt, std::nullopt), std::nullopt);
}

TEST(EachListed, LimitKeepsTheMostRecentOldestFirst) {
  MemoryStore store;
  logged(store, "walk", "2026-11-23 08:00", "20");
  logged(store, "walk", "2026-11-24 08:00", "21");
  logged(store, "walk", "2026-11-25 08:00", "22");
  ListRequest request;
  request.since = "2026-11-01";
  request.limit = "2";
  std::vector<std::int64_t> seen;
  each_listed(store, request, kNow, [&seen](const Entry& entry) { seen.push_back(entry.n); });
  EXPECT_EQ(seen, (std::vector<std::int64_t>{2, 3}));
}

TEST(FindEntry, AUniqueIdPrefixNamesTheEntry) {
  MemoryStore store;
  const Entry entry = logged(store, "walk", "2026-11-23 08:00", "20");
  EXPECT_EQ(find_entry(store, entry.id.substr(0, 35)).n, entry.n);
  EXPECT_EQ(find_entry(store, "1").id, entry.id);
  EXPECT_THROW(find_entry(store, "7"), Error);
}

// Entry #1, a 20-minute walk, edited to `minutes` and `pain`.
Edited walk_edited(MemoryStore& store, const char* minutes,
                   std::optional<std::string> pain = std::nullopt) {
  logged(store, "walk", "2026-11-23 08:00", "20");
  EditRequest request;
  request.id = "1";
  request.minutes = minutes;
  request.pain = std::move(pain);
  return edit_entry(store, request, kNow);
}

TEST(EditEntry, SaysWhichFieldsChangedAndKeepsTheNumber) {
  MemoryStore store;
  const Edited edited = walk_edited(store, "30", "2");
  EXPECT_EQ(edited.changes, (std::vector<EntryField>{EntryField::kLength, EntryField::kPain}));
  EXPECT_EQ(edited.before.duration, std::chrono::minutes{20});
  EXPECT_EQ(entries_of(store).at(0).duration, std::chrono::minutes{30});
  EXPECT_EQ(entries_of(store).at(0).n, 1);
}

TEST(EditEntry, TheSameValueIsNoChange) {
  MemoryStore store;
  EXPECT_TRUE(walk_edited(store, "20").changes.empty());
}

TEST(RemoveEntries, AnUnknownIdRemovesNone) {
  MemoryStore store;
  logged(store, "walk", "2026-11-23 08:00", "20");
  EXPECT_THROW(remove_entries(store, {"1", "9"}), Error);
  EXPECT_EQ(entries_of(store).size(), 1U);
  EXPECT_EQ(remove_entries(store, {"1", "1"}).size(), 1U);
  EXPECT_TRUE(entries_of(store).empty());
}

}  // namespace
}  // namespace qlfit
