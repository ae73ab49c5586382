#include "qlfit/periods.hpp"

#include "qlfit/entries.hpp"
#include "qlfit/error.hpp"

#include "berlin.hpp"
#include "memory_store.hpp"
#include "requests.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using namespace date::literals;
using testing::MemoryStore;

const TimeContext kNow = testing::berlin_at("2026-11-26T10:00:00+01:00");

TEST(RequestedPeriod, FromWithoutToIsRefused) {
  PeriodRequest request;
  request.from = "2026-11-01";
  EXPECT_THROW(requested_period(request, Settings{}, kNow), Error);
}

TEST(RequestedPeriod, TwoKindsOfPeriodAreRefused) {
  PeriodRequest request;
  request.week = "";
  request.month = "";
  EXPECT_THROW(requested_period(request, Settings{}, kNow), Error);
}

TEST(WeeksReport, WeeksBeforeTheFirstEntryAreUntracked) {
  MemoryStore store;
  log_activity(store, testing::log_request("butt-walk"), Settings{}, kNow);
  PeriodRequest request;
  request.weeks = "2";
  const WeeksReport report = weeks_report(store, request, Settings{}, kNow);
  ASSERT_EQ(report.weeks.size(), 2U);
  EXPECT_EQ(report.weeks[0].sessions.verdict, Verdict::kUntracked);
  EXPECT_EQ(report.weeks[1].sessions.count, 1);
}

TEST(PeriodStats, CountsTheEntriesOfThePeriod) {
  MemoryStore store;
  log_activity(store, testing::log_request("butt-walk"), Settings{}, kNow);
  log_activity(store, testing::log_request("butt-walk", "2026-11-10 08:00"), Settings{}, kNow);
  const Period week = week_containing(kNow.today(), Settings{}.week_start);
  EXPECT_EQ(period_stats(store, week, Settings{}, kNow).sessions.count, 1);
}

// What `qlfit log ACTIVITY --at AT --pain PAIN` asks.
LogRequest with_pain(const std::string& at, const std::string& pain) {
  LogRequest request = testing::log_request("butt-walk", at);
  request.pain = pain;
  return request;
}

TEST(PeriodStats, PainTrendTakesTheFourWeeksBeforeByHabitDay) {
  Settings settings;
  settings.day_start = std::chrono::hours{4};
  MemoryStore store;
  log_activity(store, with_pain("2026-10-26 05:00", "2"), settings, kNow);  // first day before
  log_activity(store, with_pain("2026-10-26 03:00", "9"), settings, kNow);  // still 25 October
  log_activity(store, with_pain("2026-11-23 02:00", "4"), settings, kNow);  // still 22 November
  const Period week = week_containing(kNow.today(), settings.week_start);
  EXPECT_FALSE(period_stats(store, week, settings, kNow).pain.has_value());

  log_activity(store, with_pain("2026-11-24 09:00", "6"), settings, kNow);
  const auto pain = period_stats(store, week, settings, kNow).pain;
  ASSERT_GE(store.fact_reads().size(), 2U);  // the week, then the four weeks before it
  const auto& before = store.fact_reads().back();
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->first, 2026_y / 10 / 26);
  EXPECT_EQ(before->last, 2026_y / 11 / 22);
  ASSERT_TRUE(pain.has_value());
  EXPECT_EQ(pain->count, 1);
  ASSERT_TRUE(pain->before.has_value());
  EXPECT_DOUBLE_EQ(*pain->before, 3.0);  // (2 + 4) / 2
  EXPECT_EQ(pain->trend, PainTrend::kRising);
}

TEST(PeriodStats, WeeksBeforeAreNotReadWithoutPainInThePeriod) {
  MemoryStore store;
  log_activity(store, with_pain("2026-11-10 08:00", "5"), Settings{}, kNow);
  log_activity(store, testing::log_request("butt-walk", "2026-11-24 09:00"), Settings{}, kNow);
  const Period week = week_containing(kNow.today(), Settings{}.week_start);
  const auto reads = store.fact_reads().size();
  const PeriodStats stats = period_stats(store, week, Settings{}, kNow);
  ASSERT_EQ(store.fact_reads().size(), reads + 1);  // the week only: no pain to compare
  const auto& read = store.fact_reads().back();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->first, week.range.first);
  EXPECT_EQ(stats.sessions.count, 1);
  EXPECT_FALSE(stats.pain.has_value());
}

}  // namespace
}  // namespace qlfit
