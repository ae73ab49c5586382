#include "qlfit/activities.hpp"

#include "qlfit/entries.hpp"
#include "qlfit/error.hpp"

#include "berlin.hpp"
#include "memory_store.hpp"
#include "requests.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using testing::MemoryStore;

TEST(AddActivity, ANameInUseIsRefused) {
  MemoryStore store;
  EXPECT_THROW(add_activity(store, "walk", "session", std::nullopt), Error);
}

TEST(RemoveActivity, OneWithEntriesIsArchivedOnlyWhenAsked) {
  MemoryStore store;
  add_activity(store, "plank", "session", std::nullopt);
  log_activity(store, testing::log_request("plank"), Settings{},
               testing::berlin_at("2026-11-26T10:00:00+01:00"));
  EXPECT_THROW(remove_activity(store, "plank", false), Error);
  remove_activity(store, "plank", true);
  EXPECT_TRUE(store.find_activity("plank")->archived);
}

TEST(ListedActivities, ArchivedOnesOnlyWithAll) {
  MemoryStore store;
  add_activity(store, "plank", "session", std::nullopt);
  remove_activity(store, "plank", true);
  EXPECT_EQ(listed_activities(store, {}).size(), 3U);
  EXPECT_EQ(listed_activities(store, ActivityListing{true, false}).size(), 4U);
}

TEST(OpenActivity, AnArchivedOneSaysHowToBringItBack) {
  MemoryStore store;
  add_activity(store, "plank", "session", std::nullopt);
  remove_activity(store, "plank", true);
  EXPECT_THROW(open_activity(store, "plank"), Error);
  add_activity(store, "plank", "session", std::nullopt);
  EXPECT_FALSE(open_activity(store, "plank").archived);
}

}  // namespace
}  // namespace qlfit
