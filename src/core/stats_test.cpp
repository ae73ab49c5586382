#include "qlfit/stats.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

Entry entry_at(Kind kind, date::year_month_day day, hours hour,
               std::chrono::seconds duration = minutes{10}, std::optional<int> pain = {}) {
  Entry entry;
  entry.kind = kind;
  entry.offset = hours{1};
  entry.start = to_instant(date::local_days{day} + hour, entry.offset);
  entry.local_date = day;
  entry.duration = duration;
  entry.pain = pain;
  return entry;
}

const Period kWeek48 = week_containing(2026_y / 11 / 24, WeekStart::kMonday);

std::vector<Entry> sessions(int count) {
  std::vector<Entry> all;
  for (int i = 0; i < count; ++i) {
    all.push_back(entry_at(Kind::kSession, 2026_y / 11 / 23, hours{8 + i}));
  }
  return all;
}

TEST(Summarize, SessionVerdictAtEveryBoundary) {
  const Settings settings;
  const auto today = 2026_y / 11 / 27;  // Friday: 3 days left
  EXPECT_EQ(summarize(sessions(2), kWeek48, settings, today).sessions.verdict, Verdict::kOnTrack);
  EXPECT_EQ(summarize(sessions(3), kWeek48, settings, today).sessions.verdict, Verdict::kMet);
  EXPECT_EQ(summarize(sessions(4), kWeek48, settings, today).sessions.verdict, Verdict::kMet);
  const auto five = summarize(sessions(5), kWeek48, settings, today).sessions;
  EXPECT_EQ(five.verdict, Verdict::kMet);
  EXPECT_TRUE(five.above_max());
  EXPECT_FALSE(summarize(sessions(4), kWeek48, settings, today).sessions.above_max());
}

TEST(Summarize, AtRiskWhenEveryDayLeftNeedsASession) {
  const auto stats = summarize(sessions(1), kWeek48, Settings{}, 2026_y / 11 / 28);
  EXPECT_EQ(stats.sessions.verdict, Verdict::kAtRisk);
  EXPECT_EQ(stats.sessions.to_go, 2);
  EXPECT_EQ(stats.sessions.days_left, 2);
}

TEST(Summarize, MissedOnceTheWeekIsOver) {
  const auto stats = summarize(sessions(2), kWeek48, Settings{}, 2026_y / 11 / 30);
  EXPECT_EQ(stats.sessions.verdict, Verdict::kMissed);
  EXPECT_EQ(stats.sessions.days_left, 0);
}

TEST(Summarize, AFutureWeekHasAllItsDaysLeft) {
  EXPECT_EQ(summarize({}, kWeek48, Settings{}, 2026_y / 11 / 1).sessions.days_left, 7);
}

TEST(Summarize, WalksAddUpPerDayAndCountDaysInBand) {
  const std::vector<Entry> walks{
      entry_at(Kind::kWalk, 2026_y / 11 / 23, hours{8}, minutes{12}),
      entry_at(Kind::kWalk, 2026_y / 11 / 23, hours{18}, minutes{10}),
      entry_at(Kind::kWalk, 2026_y / 11 / 24, hours{8}, minutes{19}),
  };
  const auto stats = summarize(walks, kWeek48, Settings{}, 2026_y / 11 / 24);
  EXPECT_EQ(stats.walk.total, minutes{41});
  EXPECT_EQ(stats.walk.by_day.at(2026_y / 11 / 23), minutes{22});
  EXPECT_EQ(stats.walk.days_in_band, 1);
}

TEST(Summarize, IgnoresEntriesOutsideThePeriod) {
  std::vector<Entry> all = sessions(3);
  all.push_back(entry_at(Kind::kSession, 2026_y / 11 / 22, hours{23}));
  all.push_back(entry_at(Kind::kSession, 2026_y / 11 / 30, hours{0}));
  EXPECT_EQ(summarize(all, kWeek48, Settings{}, 2026_y / 11 / 24).sessions.count, 3);
}

TEST(Summarize, DayStartMovesLateNightEntriesToTheDayBefore) {
  Settings settings;
  settings.day_start = hours{3};
  const std::vector<Entry> late{entry_at(Kind::kSession, 2026_y / 11 / 30, hours{1})};
  EXPECT_EQ(summarize(late, kWeek48, settings, 2026_y / 11 / 24).sessions.count, 1);
  EXPECT_EQ(summarize(late, kWeek48, Settings{}, 2026_y / 11 / 24).sessions.count, 0);
}

TEST(Summarize, CountsBreaksAndSummarisesPain) {
  const std::vector<Entry> all{
      entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{9}, minutes{2}, 3),
      entry_at(Kind::kBreak, 2026_y / 11 / 24, hours{10}, minutes{2}, 6),
      entry_at(Kind::kSession, 2026_y / 11 / 24, hours{11}),
  };
  const auto stats = summarize(all, kWeek48, Settings{}, 2026_y / 11 / 24);
  EXPECT_EQ(stats.breaks, 2);
  ASSERT_TRUE(stats.pain);
  EXPECT_EQ(stats.pain->count, 2);
  EXPECT_DOUBLE_EQ(stats.pain->average, 4.5);
  EXPECT_EQ(stats.pain->highest, 6);
  EXPECT_FALSE(summarize(sessions(1), kWeek48, Settings{}, 2026_y / 11 / 24).pain);
}

TEST(SessionTarget, WeeklyBandForWeeksScaledUpForOtherPeriods) {
  const Settings settings;
  EXPECT_EQ(session_target(kWeek48, settings).min, 3);
  const Band november = session_target(month_of(2026_y / 11), settings);
  EXPECT_EQ(november.min, 13);  // 3 * 30 / 7 = 12.9, rounded up
  EXPECT_EQ(november.max, 18);  // 4 * 30 / 7 = 17.1, rounded up
}

}  // namespace
}  // namespace qlfit
