#include "qlfit/remind.hpp"

#include "berlin.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

const auto& at = testing::berlin_at;
const auto& entry = testing::berlin_fact;

// Each reminder due as a short line of its data: "break 30m since 10:25", "session 3 to go
// 3 left", "walk 12 of 20".
std::vector<std::string> due(const RemindFacts& facts, const char* now,
                             std::optional<Kind> only = std::nullopt,
                             const Settings& settings = Settings{}) {
  std::vector<std::string> lines;
  for (const Reminder& reminder : due_reminders(facts, settings, at(now), only)) {
    switch (reminder.kind) {
      case Kind::kBreak:
        lines.push_back("break " + std::to_string(reminder.sat.count()) + "m since " +
                        clock_time(reminder.since));
        break;
      case Kind::kSession:
        lines.push_back("session " + std::to_string(reminder.to_go) + " to go " +
                        std::to_string(reminder.days_left) + " left");
        break;
      case Kind::kWalk:
        lines.push_back("walk " + std::to_string(reminder.walked.count()) + " of " +
                        std::to_string(reminder.walk_min));
        break;
    }
  }
  return lines;
}

bool break_due(const RemindFacts& facts, const char* now, const Settings& settings = Settings{}) {
  return !due(facts, now, Kind::kBreak, settings).empty();
}

// Tuesday 2026-11-24 is a working day; Saturday 2026-11-28 is not.
TEST(BreakReminder, DueExactlyThirtyMinutesIntoWorkingHours) {
  EXPECT_FALSE(break_due({}, "2026-11-24T09:29:59+01:00"));
  EXPECT_TRUE(break_due({}, "2026-11-24T09:30:00+01:00"));
}

TEST(BreakReminder, NeverBeforeOrAfterWorkingHours) {
  EXPECT_FALSE(break_due({}, "2026-11-24T08:59:00+01:00"));
  EXPECT_FALSE(break_due({}, "2026-11-24T17:00:00+01:00"));
  EXPECT_TRUE(break_due({}, "2026-11-24T16:59:00+01:00"));
}

TEST(BreakReminder, NeverOnAWeekendUnlessItIsAWorkingDay) {
  EXPECT_FALSE(break_due({}, "2026-11-28T11:00:00+01:00"));
  const Settings weekends = with_setting(Settings{}, "break.days", "sat-sun");
  EXPECT_TRUE(break_due({}, "2026-11-28T11:00:00+01:00", weekends));
}

TEST(BreakReminder, CountsFromWhenTheLastEntryEnded) {
  RemindFacts facts;
  facts.entries.push_back(entry(Kind::kWalk, "2026-11-24T10:00:00+01:00", minutes{25}));
  EXPECT_FALSE(break_due(facts, "2026-11-24T10:45:00+01:00"));  // ended 20 minutes ago
  EXPECT_TRUE(break_due(facts, "2026-11-24T10:55:00+01:00"));
  EXPECT_EQ(due(facts, "2026-11-24T10:55:00+01:00", Kind::kBreak).at(0), "break 30m since 10:25");
}

TEST(Reminders, NothingIsDueWhileTheUserIsAway) {
  RemindFacts facts;
  ASSERT_EQ(due(facts, "2026-11-24T16:00:00+01:00").size(), 2U);  // a break and a walk
  facts.away = true;
  EXPECT_TRUE(due(facts, "2026-11-24T16:00:00+01:00").empty());
  EXPECT_TRUE(due(facts, "2026-11-24T16:00:00+01:00", Kind::kWalk).empty());
}

TEST(BreakReminder, AnEntryLoggedAheadOfNowKeepsItQuiet) {
  RemindFacts facts;
  facts.entries.push_back(entry(Kind::kWalk, "2026-11-24T11:00:00+01:00", minutes{25}));
  EXPECT_FALSE(break_due(facts, "2026-11-24T11:10:00+01:00"));
}

TEST(BreakReminder, ARunningTimerCountsAsMoving) {
  RemindFacts facts;
  facts.running =
      Timer{"walk", Kind::kWalk, parse_instant("2026-11-24T09:00:00+01:00", "t"), hours{1}};
  EXPECT_FALSE(break_due(facts, "2026-11-24T11:00:00+01:00"));
}

TEST(BreakReminder, FollowsTheConfiguredInterval) {
  const Settings settings = with_setting(Settings{}, "break.every", "45m");
  EXPECT_FALSE(break_due({}, "2026-11-24T09:44:00+01:00", settings));
  EXPECT_TRUE(break_due({}, "2026-11-24T09:45:00+01:00", settings));
}

TEST(BreakReminder, TimeSinceIsMeasuredOnInstantsAcrossFallBack) {
  // 2025-10-26 in Berlin: 02:50 CEST, then 20 minutes later it is 02:10 CET.
  const Settings night = with_setting(
      with_setting(with_setting(Settings{}, "break.days", "mon-sun"), "break.hours", "00:00-23:59"),
      "break.every", "30m");
  RemindFacts facts;
  facts.entries.push_back(entry(Kind::kBreak, "2025-10-26T02:48:00+02:00", minutes{2}));
  EXPECT_FALSE(break_due(facts, "2025-10-26T02:10:00+01:00", night));  // 20 min, not -40
  EXPECT_TRUE(break_due(facts, "2025-10-26T02:20:00+01:00", night));   // 30 min
}

TEST(BreakReminder, TimeSinceIsMeasuredOnInstantsAcrossSpringForward) {
  const Settings night =
      with_setting(with_setting(Settings{}, "break.days", "mon-sun"), "break.hours", "00:00-23:59");
  RemindFacts facts;
  facts.entries.push_back(entry(Kind::kBreak, "2025-03-30T01:48:00+01:00", minutes{2}));
  EXPECT_FALSE(break_due(facts, "2025-03-30T03:10:00+02:00", night));  // 20 min, not 80
}

TEST(SessionReminder, SpeaksOnlyWhenEveryDayLeftIsNeeded) {
  RemindFacts facts;
  // Thursday: 3 to go, 4 days left. Friday: 3 to go, 3 days left (today included).
  EXPECT_TRUE(due(facts, "2026-11-26T18:00:00+01:00", Kind::kSession).empty());
  EXPECT_EQ(due(facts, "2026-11-27T18:00:00+01:00", Kind::kSession).at(0),
            "session 3 to go 3 left");
  facts.entries.push_back(entry(Kind::kSession, "2026-11-23T08:00:00+01:00", minutes{10}));
  EXPECT_TRUE(due(facts, "2026-11-27T18:00:00+01:00", Kind::kSession).empty());
  EXPECT_EQ(due(facts, "2026-11-28T18:00:00+01:00", Kind::kSession).at(0),
            "session 2 to go 2 left");
}

TEST(SessionReminder, QuietOnceTodaysSessionIsDoneOrTheTargetMet) {
  RemindFacts facts;
  facts.entries.push_back(entry(Kind::kSession, "2026-11-28T08:00:00+01:00", minutes{10}));
  EXPECT_TRUE(due(facts, "2026-11-28T18:00:00+01:00", Kind::kSession).empty());
  RemindFacts met;
  for (const char* when :
       {"2026-11-23T08:00:00+01:00", "2026-11-24T08:00:00+01:00", "2026-11-25T08:00:00+01:00"}) {
    met.entries.push_back(entry(Kind::kSession, when, minutes{10}));
  }
  EXPECT_TRUE(due(met, "2026-11-29T18:00:00+01:00", Kind::kSession).empty());
}

TEST(WalkReminder, SaysHowFarTodayIsFromTheMinimum) {
  RemindFacts facts;
  facts.entries.push_back(entry(Kind::kWalk, "2026-11-24T08:00:00+01:00", minutes{12}));
  facts.entries.push_back(entry(Kind::kWalk, "2026-11-23T08:00:00+01:00", minutes{30}));
  EXPECT_EQ(due(facts, "2026-11-24T19:00:00+01:00", Kind::kWalk).at(0), "walk 12 of 20");
  facts.entries.push_back(entry(Kind::kWalk, "2026-11-24T12:00:00+01:00", minutes{8}));
  EXPECT_TRUE(due(facts, "2026-11-24T19:00:00+01:00", Kind::kWalk).empty());
}

TEST(DueReminders, NothingIsDueOnAPausedDay) {
  RemindFacts facts;
  facts.pauses.push_back(Pause{1, DateRange{2026_y / 11 / 24, 2026_y / 11 / 24}, std::nullopt, ""});
  EXPECT_TRUE(due(facts, "2026-11-24T10:00:00+01:00").empty());
  EXPECT_FALSE(due(facts, "2026-11-25T10:00:00+01:00").empty());
}

TEST(DueReminders, EveryKindDueInOrderWithoutFor) {
  const auto lines = due({}, "2026-11-29T10:00:00+01:00");  // Sunday: no break
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0], "session 3 to go 1 left");
  EXPECT_EQ(lines[1], "walk 0 of 20");
}

}  // namespace
}  // namespace qlfit
