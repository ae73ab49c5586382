#include "qlfit/timer.hpp"

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

TEST(Timer, StopLogsTheTimeMeasuredFromTheTimer) {
  MemoryStore store;
  start_timer(store, "walk", berlin_at("2026-11-26T10:00:00+01:00"));
  const Logged logged = stop_timer(store, Settings{}, berlin_at("2026-11-26T10:25:00+01:00"));
  EXPECT_EQ(logged.entry.duration, std::chrono::minutes{25});
  EXPECT_EQ(logged.entry.source, Source::kTimer);
  EXPECT_FALSE(store.timer());
}

TEST(Timer, ASecondTimerIsRefused) {
  MemoryStore store;
  const auto now = berlin_at("2026-11-26T10:00:00+01:00");
  start_timer(store, "walk", now);
  EXPECT_THROW(start_timer(store, "butt-walk", now), Error);
  EXPECT_EQ(store.timer()->activity, "walk");
}

TEST(Timer, OneRunningPastADayIsNotLogged) {
  MemoryStore store;
  start_timer(store, "walk", berlin_at("2026-11-24T10:00:00+01:00"));
  EXPECT_THROW(stop_timer(store, Settings{}, berlin_at("2026-11-26T10:00:00+01:00")), Error);
  EXPECT_TRUE(entries_of(store).empty());
  EXPECT_TRUE(store.timer());
}

TEST(Timer, CancelDropsItWithoutAnEntry) {
  MemoryStore store;
  start_timer(store, "walk", berlin_at("2026-11-26T10:00:00+01:00"));
  EXPECT_EQ(cancel_timer(store).activity, "walk");
  EXPECT_TRUE(entries_of(store).empty());
  EXPECT_THROW(cancel_timer(store), Error);
}

}  // namespace
}  // namespace qlfit
