#include "qlfit/watch.hpp"

#include "berlin.hpp"
#include "memory_store.hpp"
#include "store_reads.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace qlfit {
namespace {

using std::chrono::seconds;

const date::sys_seconds kNow{seconds{1'800'000'000}};

TEST(DeskChange, LeavingBeginsWhenItHappened) {
  Desk locked;
  locked.locked = true;
  EXPECT_EQ(desk_change({}, locked, kNow).kind, DeskChange::Kind::kLeft);
  EXPECT_EQ(desk_change({}, locked, kNow).at, kNow);
  Desk idle;
  idle.idle = true;
  idle.idle_since = kNow - seconds{120};
  EXPECT_EQ(desk_change({}, idle, kNow).at, kNow - seconds{120});  // at IdleSinceHint
  idle.idle_since = kNow + seconds{5};                             // a hint ahead of the clock: now
  EXPECT_EQ(desk_change({}, idle, kNow).at, kNow);
  idle.idle_since = {};  // no hint: now
  EXPECT_EQ(desk_change({}, idle, kNow).at, kNow);
}

TEST(DeskChange, BackOnlyWhenNothingKeepsTheUserAway) {
  Desk asleep_and_locked;
  asleep_and_locked.asleep = true;
  asleep_and_locked.locked = true;
  Desk locked;
  locked.locked = true;
  // Resumed but still locked: still away, nothing changes.
  EXPECT_EQ(desk_change(asleep_and_locked, locked, kNow).kind, DeskChange::Kind::kNone);
  EXPECT_EQ(desk_change(locked, {}, kNow).kind, DeskChange::Kind::kBack);
  EXPECT_EQ(desk_change(locked, {}, kNow).at, kNow);
  EXPECT_EQ(desk_change({}, {}, kNow).kind, DeskChange::Kind::kNone);
}

// A session that says what it is told, one event a wait, then asks to stop; it notes
// whether the store had a period open at each wait.
class ScriptedDesk final : public DeskWatch {
 public:
  explicit ScriptedDesk(Store& store) : store_(store) {}
  Event wait(date::sys_seconds /*until*/, std::chrono::seconds /*idle_after*/) override {
    away_at_wait.push_back(store_.away().has_value());
    if (events.empty())
      return Event{Event::Kind::kStop, {}, last_now};
    Event event = events.front();
    events.pop_front();
    last_now = event.now;
    return event;
  }
  std::deque<Event> events;
  date::sys_seconds last_now{};
  std::vector<bool> away_at_wait;

 private:
  Store& store_;
};

TEST(WatchDesk, APeriodLeftOpenEndsWhenTheSessionIsSeenAtTheDesk) {
  // A watch that died while away (kill -9, a power cut while asleep) left a period open;
  // the next watch finds the user at the desk: back then, not only after the next lock.
  testing::MemoryStore store;
  const TimeContext left = testing::berlin_at("2026-11-24T09:00:00+01:00");
  ASSERT_TRUE(begin_away_at(store, left.now_here()));
  const TimeContext started = testing::berlin_at("2026-11-24T10:00:00+01:00");
  ScriptedDesk desk(store);
  desk.events.push_back({DeskWatch::Event::Kind::kChanged, Desk{}, started.now});
  std::vector<Logged> logged;
  watch_desk(
      store, desk, started, [&logged](const Logged& line) { logged.push_back(line); }, nullptr);
  // Closed on seeing the desk, before the stop (which ends an open period anyway).
  EXPECT_EQ(desk.away_at_wait, (std::vector<bool>{true, false}));
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].entry.start, left.now);
  EXPECT_EQ(logged[0].entry.duration, std::chrono::hours{1});
}

}  // namespace
}  // namespace qlfit
