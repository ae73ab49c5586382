#include "qlfit/calendar.hpp"

#include "qlfit/error.hpp"

#include "test_zones.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

date::local_seconds local(date::year_month_day day, hours h, minutes m = minutes{0}) {
  return date::local_days{day} + h + m;
}

TEST(ParseIsoDate, ReadsWhatIsoDateWritesAndNothingElse) {
  for (const auto day : {2026_y / 11 / 24, 1900_y / 1 / 1, 9999_y / 12 / 31, 2024_y / 2 / 29}) {
    EXPECT_EQ(parse_iso_date(iso_date(day)), day);
  }
  for (const char* text : {"", "2026-11-2", "2026-1-24", " 2026-1-24", "+202-11-24", "2026-11-24 ",
                           "20261124", "2026/11/24", "2026-02-29", "2026-13-01", "2026-11-31"}) {
    EXPECT_EQ(parse_iso_date(text), std::nullopt) << text;
  }
}

TEST(IsoWeekLabel, WeekOneCanStartInTheOldYear) {
  EXPECT_EQ(iso_week_label(2024_y / 12 / 30), "2025-W01");
  EXPECT_EQ(iso_week_label(2025_y / 12 / 29), "2026-W01");
}

TEST(IsoWeekLabel, Week53SpansTheNewYear) {
  EXPECT_EQ(iso_week_label(2026_y / 12 / 31), "2026-W53");
  EXPECT_EQ(iso_week_label(2027_y / 1 / 3), "2026-W53");
  EXPECT_EQ(iso_week_label(2027_y / 1 / 4), "2027-W01");
}

TEST(WeekContaining, MondayStartRunsMondayToSundayWithIsoLabel) {
  const Period week = week_containing(2026_y / 11 / 24, WeekStart::kMonday);
  EXPECT_EQ(week.range.first, 2026_y / 11 / 23);
  EXPECT_EQ(week.range.last, 2026_y / 11 / 29);
  EXPECT_EQ(week.label, "2026-W48");
  EXPECT_EQ(week.range.days(), 7);
}

TEST(WeekContaining, SundayIsTheLastDayOfAMondayWeek) {
  EXPECT_EQ(week_containing(2026_y / 11 / 29, WeekStart::kMonday).range.first, 2026_y / 11 / 23);
  EXPECT_EQ(week_containing(2026_y / 11 / 23, WeekStart::kMonday).range.first, 2026_y / 11 / 23);
}

TEST(WeekContaining, SundayStartIsLabelledByItsFirstDate) {
  const Period week = week_containing(2026_y / 11 / 24, WeekStart::kSunday);
  EXPECT_EQ(week.range.first, 2026_y / 11 / 22);
  EXPECT_EQ(week.range.last, 2026_y / 11 / 28);
  EXPECT_EQ(week.label, "2026-11-22");
}

TEST(IsoWeek, Week53ExistsOnlyInLongYears) {
  const Period week = iso_week(2026, 53, WeekStart::kMonday, "2026-W53");
  EXPECT_EQ(week.range.first, 2026_y / 12 / 28);
  EXPECT_EQ(week.range.last, 2027_y / 1 / 3);
  EXPECT_THROW(iso_week(2025, 53, WeekStart::kMonday, "2025-W53"), Error);
  EXPECT_THROW(iso_week(2025, 0, WeekStart::kMonday, "2025-W00"), Error);
}

TEST(IsoWeek, RefusalNamesTheWeeksTheYearHas) {
  try {
    iso_week(2025, 53, WeekStart::kMonday, "2025-W53");
    FAIL() << "2025-W53 was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(error.what()).find("01 to 52"), std::string::npos) << error.what();
  }
}

TEST(IsoWeek, SundayStartWeekHoldsTheIsoMonday) {
  const Period week = iso_week(2026, 47, WeekStart::kSunday, "2026-W47");
  EXPECT_EQ(week.range.first, 2026_y / 11 / 15);
  EXPECT_EQ(week.range.last, 2026_y / 11 / 21);
}

TEST(MonthOf, CoversEveryDayOfTheMonth) {
  const Period month = month_of(2028_y / 2);
  EXPECT_EQ(month.label, "2028-02");
  EXPECT_EQ(month.range.days(), 29);
}

TEST(RangeOf, RefusesAnEndBeforeTheStart) {
  EXPECT_THROW(range_of(2026_y / 11 / 24, 2026_y / 11 / 23), Error);
  EXPECT_EQ(range_of(2026_y / 11 / 24, 2026_y / 11 / 24).range.days(), 1);
}

TEST(MomentAt, SpringForwardGapIsRefusedNamingZoneAndAValidTime) {
  const auto* berlin = testing::zone_named("Europe/Berlin");
  try {
    moment_at(local(2025_y / 3 / 30, hours{2}, minutes{30}), berlin, "2025-03-30 02:30");
    FAIL() << "a time in the gap was accepted";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("Europe/Berlin"), std::string::npos) << message;
    EXPECT_NE(message.find("try 03:30"), std::string::npos) << message;
  }
}

TEST(MomentAt, FallBackDoubledTimeMeansTheFirst) {
  const auto* berlin = testing::zone_named("Europe/Berlin");
  const Moment moment = moment_at(local(2025_y / 10 / 26, hours{2}, minutes{30}), berlin, "x");
  EXPECT_TRUE(moment.ambiguous);
  EXPECT_EQ(moment.offset, hours{2});
  EXPECT_EQ(iso_datetime(moment.instant, moment.offset), "2025-10-26T02:30:00+02:00");
}

TEST(MomentAt, HavanaHasNoMidnightOnItsSpringForwardDay) {
  const auto* havana = testing::zone_named("America/Havana");
  EXPECT_THROW(moment_at(local(2025_y / 3 / 9, hours{0}), havana, "2025-03-09 00:00"), Error);
  EXPECT_EQ(moment_at(local(2025_y / 3 / 9, hours{1}), havana, "x").offset, hours{-4});
}

TEST(MomentAt, KathmanduKeepsItsQuarterHourOffset) {
  const Moment moment =
      moment_at(local(2026_y / 11 / 24, hours{7}), testing::zone_named("Asia/Kathmandu"), "x");
  EXPECT_EQ(format_offset(moment.offset), "+05:45");
}

TEST(MomentOf, DurationsAcrossFallBackAreComputedOnInstants) {
  const auto* berlin = testing::zone_named("Europe/Berlin");
  const Moment first = moment_at(local(2025_y / 10 / 26, hours{2}, minutes{50}), berlin, "x");
  const Moment later = moment_of(first.instant + minutes{20}, berlin);
  EXPECT_EQ(later.local, local(2025_y / 10 / 26, hours{2}, minutes{10}));
  EXPECT_EQ(later.instant - first.instant, minutes{20});
}

TEST(HabitDay, EntriesBeforeDayStartCountForTheDayBefore) {
  EXPECT_EQ(habit_day(local(2026_y / 11 / 24, hours{1}), hours{3}), 2026_y / 11 / 23);
  EXPECT_EQ(habit_day(local(2026_y / 11 / 24, hours{3}), hours{3}), 2026_y / 11 / 24);
  EXPECT_EQ(habit_day(local(2026_y / 11 / 24, hours{0}), minutes{0}), 2026_y / 11 / 24);
}

TEST(IsoDatetime, KeepsTheEntrysOwnOffset) {
  const auto instant = date::sys_days{2026_y / 11 / 24} + hours{6} + minutes{30};
  EXPECT_EQ(iso_datetime(instant, hours{1}), "2026-11-24T07:30:00+01:00");
  EXPECT_EQ(iso_datetime(instant, -hours{5}), "2026-11-24T01:30:00-05:00");
  EXPECT_EQ(format_offset(-(hours{3} + minutes{30})), "-03:30");
}

}  // namespace
}  // namespace qlfit
