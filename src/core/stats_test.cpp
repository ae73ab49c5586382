#include "qlfit/stats.hpp"

#include "test_zones.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

const Zone* berlin() {
  return testing::zone_named("Europe/Berlin");
}

// Seen from a given local noon in Berlin.
TimeContext on(date::year_month_day day, hours at = hours{12}) {
  TimeContext context;
  context.zone = berlin();
  context.now = to_instant(date::local_days{day} + at, hours{1});
  return context;
}

Fact entry_at(Kind kind, date::year_month_day day, minutes at,
              std::chrono::seconds duration = minutes{10}, std::optional<int> pain = {}) {
  Fact entry;
  entry.kind = kind;
  entry.offset = hours{1};
  entry.start = to_instant(date::local_days{day} + at, entry.offset);
  entry.duration = duration;
  entry.pain = pain;
  return entry;
}

const Period kWeek48 = week_containing(2026_y / 11 / 24, WeekStart::kMonday);

std::vector<Fact> sessions(int count) {
  std::vector<Fact> all;
  for (int i = 0; i < count; ++i) {
    all.push_back(entry_at(Kind::kSession, 2026_y / 11 / 23, hours{8 + i}));
  }
  return all;
}

PeriodStats week48(std::span<const Fact> entries, date::year_month_day today,
                   std::span<const Pause> pauses = {}, const Settings& settings = Settings{}) {
  return summarize(entries, kWeek48, pauses, settings, on(today));
}

TEST(Summarize, SessionVerdictAtEveryBoundary) {
  const auto friday = 2026_y / 11 / 27;  // 3 days left
  EXPECT_EQ(week48(sessions(2), friday).sessions.verdict, Verdict::kOnTrack);
  EXPECT_EQ(week48(sessions(3), friday).sessions.verdict, Verdict::kMet);
  EXPECT_EQ(week48(sessions(4), friday).sessions.verdict, Verdict::kMet);
  EXPECT_FALSE(week48(sessions(4), friday).sessions.above_max());
  EXPECT_TRUE(week48(sessions(5), friday).sessions.above_max());
}

TEST(Summarize, AtRiskWhenEveryDayLeftNeedsASession) {
  const auto stats = week48(sessions(1), 2026_y / 11 / 28);
  EXPECT_EQ(stats.sessions.verdict, Verdict::kAtRisk);
  EXPECT_EQ(stats.sessions.to_go, 2);
  EXPECT_EQ(stats.sessions.days_left, 2);
}

TEST(Summarize, MissedOnceTheWeekIsOver) {
  const auto stats = week48(sessions(2), 2026_y / 11 / 30);
  EXPECT_EQ(stats.sessions.verdict, Verdict::kMissed);
  EXPECT_EQ(stats.sessions.days_left, 0);
}

TEST(Summarize, TheCurrentWeekPartWayCountsTodayAsLeft) {
  const auto stats = week48({}, 2026_y / 11 / 24);
  EXPECT_EQ(stats.sessions.days_left, 6);
  EXPECT_EQ(stats.sessions.verdict, Verdict::kOnTrack);
  EXPECT_TRUE(stats.days[2].future);
  EXPECT_FALSE(stats.days[1].future);
  EXPECT_EQ(summarize({}, kWeek48, {}, Settings{}, on(2026_y / 11 / 1)).sessions.days_left, 7);
}

TEST(Summarize, APartlyPausedWeekShrinksItsTargetInProportion) {
  const std::vector<Pause> pauses{Pause{1, DateRange{2026_y / 11 / 26, 2026_y / 11 / 29}, {}, ""}};
  const auto stats = week48(sessions(2), 2026_y / 11 / 30, pauses);
  EXPECT_EQ(stats.paused_days, 4);
  EXPECT_EQ(stats.sessions.target.min, 2);  // 3 * 3 / 7 = 1.3, rounded up
  EXPECT_EQ(stats.sessions.target.max, 2);  // 4 * 3 / 7 = 1.7, rounded up
  EXPECT_EQ(stats.sessions.verdict, Verdict::kMet);
  EXPECT_EQ(week48(sessions(1), 2026_y / 11 / 30, pauses).sessions.verdict, Verdict::kMissed);
  EXPECT_TRUE(stats.days[3].paused);
}

TEST(Summarize, AFullyPausedWeekAsksNothing) {
  const std::vector<Pause> pauses{Pause{1, DateRange{2026_y / 11 / 20, 2026_y / 12 / 2}, {}, ""}};
  const auto stats = week48({}, 2026_y / 11 / 30, pauses);
  EXPECT_EQ(stats.sessions.verdict, Verdict::kPaused);
  EXPECT_EQ(stats.sessions.target.min, 0);
}

TEST(Summarize, WalksAddUpPerDayAcrossSeveralWalksAndMidnight) {
  const std::vector<Fact> walks{
      entry_at(Kind::kWalk, 2026_y / 11 / 23, hours{8}, minutes{12}),
      entry_at(Kind::kWalk, 2026_y / 11 / 23, hours{23} + minutes{50}, minutes{10}),
      entry_at(Kind::kWalk, 2026_y / 11 / 24, minutes{5}, minutes{19}),
  };
  const auto stats = week48(walks, 2026_y / 11 / 24);
  EXPECT_EQ(stats.walk.total, minutes{41});
  EXPECT_EQ(stats.walked_on(2026_y / 11 / 23), minutes{22});  // counted on the day it began
  EXPECT_EQ(stats.walk.days_in_band, 1);
  EXPECT_EQ(stats.days[0].walk, minutes{22});
  EXPECT_TRUE(stats.days[0].walk_in_band);
  EXPECT_FALSE(stats.days[1].walk_in_band);  // 19 minutes: short of the band
}

TEST(Summarize, DayStartMovesLateNightEntriesToTheDayBefore) {
  Settings settings;
  settings.day_start = hours{3};
  const std::vector<Fact> late{entry_at(Kind::kSession, 2026_y / 11 / 30, hours{1})};
  EXPECT_EQ(week48(late, 2026_y / 11 / 24, {}, settings).sessions.count, 1);
  EXPECT_EQ(week48(late, 2026_y / 11 / 24).sessions.count, 0);
}

TEST(Summarize, NaturalBreaksCountAsBreaksAndAsTimeNotSitting) {
  // Tuesday: a typed break at 10:00 and an hour away from the desk from 12:00.
  Fact away = entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{12}, hours{1});
  away.source = Source::kAway;
  const std::vector<Fact> day{entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{10}, minutes{2}),
                              away};
  const auto stats = summarize(day, kWeek48, {}, Settings{}, on(2026_y / 11 / 24, hours{20}));
  EXPECT_EQ(stats.breaks.count, 2);
  EXPECT_EQ(stats.breaks.natural, 1);
  EXPECT_EQ(stats.days[1].breaks, 2);
  // 10:02-12:00 sat, 12:00-13:00 away, 13:00-17:00 sat: the longest is 4h, not 6h58m.
  EXPECT_EQ(stats.breaks.longest_sitting, hours{4});
}

TEST(Summarize, LongestSittingIsTheLongestGapInWorkingHours) {
  // Tuesday: working hours 09:00-17:00; a walk 10:00-10:30 and a break 14:00-14:02.
  const std::vector<Fact> day{
      entry_at(Kind::kWalk, 2026_y / 11 / 24, hours{10}, minutes{30}),
      entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{14}, minutes{2}),
  };
  const auto stats = summarize(day, kWeek48, {}, Settings{}, on(2026_y / 11 / 24, hours{20}));
  EXPECT_EQ(stats.days[1].longest_sitting, hours{3} + minutes{30});  // 10:30-14:00
  EXPECT_EQ(stats.breaks.longest_sitting, hours{3} + minutes{30});
  EXPECT_EQ(stats.breaks.longest_on, 2026_y / 11 / 24);
  EXPECT_EQ(stats.days[0].longest_sitting, minutes{0});  // Monday: nothing logged, not measured
  EXPECT_EQ(stats.breaks.working_days, 2);
  EXPECT_DOUBLE_EQ(stats.breaks.per_working_day, 0.5);
  EXPECT_TRUE(stats.breaks.sat_too_long);  // 3h30m, more than break.every (30m)
  Settings patient;
  patient.break_every = hours{3} + minutes{30};
  EXPECT_FALSE(summarize(day, kWeek48, {}, patient, on(2026_y / 11 / 24, hours{20}))
                   .breaks.sat_too_long);  // exactly break.every is not too long
}

TEST(Summarize, TodaysSittingStretchEndsNow) {
  const std::vector<Fact> day{entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{9}, minutes{2})};
  const auto stats = summarize(day, kWeek48, {}, Settings{}, on(2026_y / 11 / 24, hours{10}));
  EXPECT_EQ(stats.days[1].longest_sitting, minutes{58});
}

TEST(Summarize, WeekendsAndPausedDaysHaveNoSittingStretch) {
  const std::vector<Pause> pauses{Pause{1, DateRange{2026_y / 11 / 23, 2026_y / 11 / 23}, {}, ""}};
  const auto stats = summarize({}, kWeek48, pauses, Settings{}, on(2026_y / 11 / 29));
  EXPECT_EQ(stats.days[0].longest_sitting, minutes{0});  // paused Monday
  EXPECT_EQ(stats.days[5].longest_sitting, minutes{0});  // Saturday
  EXPECT_EQ(stats.breaks.working_days, 4);
}

TEST(Summarize, PainTrendAgainstTheFourWeeksBefore) {
  std::vector<Fact> all{
      entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{9}, minutes{2}, 6),
      entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{10}, minutes{2}, 4),
      entry_at(Kind::kBreak, 2026_y / 10 / 27, hours{10}, minutes{2}, 2),  // in the 4 weeks before
      entry_at(Kind::kBreak, 2026_y / 10 / 20, hours{10}, minutes{2}, 9),  // too early: ignored
  };
  auto stats = week48(all, 2026_y / 11 / 24);
  ASSERT_TRUE(stats.pain);
  EXPECT_EQ(stats.pain->count, 2);
  EXPECT_DOUBLE_EQ(stats.pain->average, 5.0);
  EXPECT_EQ(stats.pain->highest, 6);
  EXPECT_DOUBLE_EQ(*stats.pain->before, 2.0);
  EXPECT_EQ(stats.pain->trend, PainTrend::kRising);
  EXPECT_TRUE(stats.pain->advice);  // rising, though below pain.warn
  all[2].pain = 5;
  stats = week48(all, 2026_y / 11 / 24);
  EXPECT_EQ(stats.pain->trend, PainTrend::kSteady);
  EXPECT_FALSE(stats.pain->advice);
  all[2].pain = 7;
  EXPECT_EQ(week48(all, 2026_y / 11 / 24).pain->trend, PainTrend::kFalling);
  all.erase(all.begin() + 2, all.end());
  EXPECT_EQ(week48(all, 2026_y / 11 / 24).pain->trend, PainTrend::kUnknown);
  EXPECT_FALSE(week48(sessions(1), 2026_y / 11 / 24).pain);
}

TEST(Summarize, HighPainAlwaysAdvises) {
  const std::vector<Fact> high{entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{9}, minutes{2}, 7)};
  EXPECT_TRUE(week48(high, 2026_y / 11 / 24).pain->advice);
}

TEST(DayLevel, NothingMovedOneOfTheTwoOrBoth) {
  DayFacts day;
  EXPECT_EQ(day_level(day), 0);
  day.breaks = 1;
  EXPECT_EQ(day_level(day), 1);
  day = DayFacts{};
  day.walk = minutes{5};  // a short walk: moved
  EXPECT_EQ(day_level(day), 1);
  day.walk_in_band = true;
  EXPECT_EQ(day_level(day), 2);
  day = DayFacts{};
  day.sessions = 1;
  EXPECT_EQ(day_level(day), 2);
  day.walk_in_band = true;
  EXPECT_EQ(day_level(day), 3);
}

TEST(SessionTarget, ScalesTheWeeklyBandToUnpausedDaysRoundingUp) {
  const Settings settings;
  EXPECT_EQ(session_target(7, settings).min, 3);
  EXPECT_EQ(session_target(30, settings).min, 13);  // 3 * 30 / 7 = 12.9
  EXPECT_EQ(session_target(30, settings).max, 18);  // 4 * 30 / 7 = 17.1
  EXPECT_EQ(session_target(0, settings).min, 0);
}

SessionSummary judged(Verdict verdict) {
  SessionSummary summary;
  summary.verdict = verdict;
  return summary;
}

TEST(StreakOf, MissedWeeksEndARunPausedWeeksDoNot) {
  using V = Verdict;
  const std::vector<SessionSummary> weeks{judged(V::kMet), judged(V::kMet),    judged(V::kMissed),
                                          judged(V::kMet), judged(V::kPaused), judged(V::kMet),
                                          judged(V::kMet), judged(V::kOnTrack)};
  const Streak streak = streak_of(weeks);
  EXPECT_EQ(streak.current, 3);  // met, paused (skipped), met, met; this week still open
  EXPECT_EQ(streak.longest, 3);
}

TEST(StreakOf, AMissedLastWeekMeansNoCurrentStreak) {
  const std::vector<SessionSummary> weeks{judged(Verdict::kMet), judged(Verdict::kMissed)};
  EXPECT_EQ(streak_of(weeks).current, 0);
  EXPECT_EQ(streak_of(weeks).longest, 1);
  EXPECT_EQ(streak_of({}).longest, 0);
}

}  // namespace
}  // namespace qlfit
