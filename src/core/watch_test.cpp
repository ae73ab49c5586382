#include "qlfit/watch.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace qlfit
