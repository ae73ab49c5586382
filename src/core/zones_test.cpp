// Days and weeks across the zones that break naive time code: DST in both
// directions, a 30-minute DST, a +05:45 offset, a skipped day, a missing midnight.
#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"
#include "qlfit/when.hpp"

#include "test_zones.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

struct DayLength {
  const char* zone;
  date::year_month_day day;
  minutes length;
};

void PrintTo(const DayLength& row, std::ostream* out) {
  *out << row.zone << " " << iso_date(row.day);
}

class DayLengths : public ::testing::TestWithParam<DayLength> {};

TEST_P(DayLengths, DayLastsFromItsBeginningToTheNextDaysBeginning) {
  const auto& [zone_name, day, length] = GetParam();
  const auto* zone = testing::zone_named(zone_name);
  const auto next = date::year_month_day{date::sys_days{day} + date::days{1}};
  EXPECT_EQ(day_begins(next, zone, minutes{0}) - day_begins(day, zone, minutes{0}), length)
      << zone_name << " " << iso_date(day);
}

INSTANTIATE_TEST_SUITE_P(
    Zones, DayLengths,
    ::testing::Values(DayLength{"Europe/Berlin", 2025_y / 3 / 30, hours{23}},
                      DayLength{"Europe/Berlin", 2025_y / 10 / 26, hours{25}},
                      DayLength{"Europe/Berlin", 2025_y / 6 / 1, hours{24}},
                      DayLength{"America/New_York", 2025_y / 3 / 9, hours{23}},
                      DayLength{"America/New_York", 2025_y / 11 / 2, hours{25}},
                      DayLength{"Australia/Lord_Howe", 2025_y / 4 / 6, hours{24} + minutes{30}},
                      DayLength{"Australia/Lord_Howe", 2025_y / 10 / 5, hours{23} + minutes{30}},
                      DayLength{"Asia/Kathmandu", 2025_y / 3 / 30, hours{24}},
                      DayLength{"Pacific/Apia", 2011_y / 12 / 29, hours{24}},
                      DayLength{"Pacific/Apia", 2011_y / 12 / 30, hours{0}},
                      DayLength{"America/Havana", 2025_y / 3 / 9, hours{23}},
                      DayLength{"America/Havana", 2025_y / 11 / 2, hours{25}}));

struct WeekHours {
  const char* zone;
  date::year_month_day day;
  WeekStart start;
  hours total;
};

void PrintTo(const WeekHours& row, std::ostream* out) {
  *out << row.zone << " " << iso_date(row.day)
       << (row.start == WeekStart::kMonday ? " monday" : " sunday");
}

class WeekTotals : public ::testing::TestWithParam<WeekHours> {};

TEST_P(WeekTotals, WeekHoursAddUpFromItsSevenDays) {
  const auto& [zone_name, day, start, total] = GetParam();
  const auto* zone = testing::zone_named(zone_name);
  const Period week = week_containing(day, start);
  ASSERT_EQ(week.range.days(), 7);
  const auto after = date::year_month_day{date::sys_days{week.range.last} + date::days{1}};
  EXPECT_EQ(day_begins(after, zone, minutes{0}) - day_begins(week.range.first, zone, minutes{0}),
            total)
      << zone_name << " " << week.label;
}

INSTANTIATE_TEST_SUITE_P(
    Zones, WeekTotals,
    ::testing::Values(WeekHours{"Europe/Berlin", 2025_y / 3 / 30, WeekStart::kMonday, hours{167}},
                      WeekHours{"Europe/Berlin", 2025_y / 10 / 26, WeekStart::kMonday, hours{169}},
                      WeekHours{"America/New_York", 2025_y / 3 / 9, WeekStart::kMonday, hours{167}},
                      WeekHours{"America/New_York", 2025_y / 11 / 2, WeekStart::kMonday,
                                hours{169}},
                      WeekHours{"America/New_York", 2025_y / 3 / 9, WeekStart::kSunday, hours{167}},
                      WeekHours{"Asia/Kathmandu", 2025_y / 3 / 30, WeekStart::kMonday, hours{168}},
                      WeekHours{"Pacific/Apia", 2011_y / 12 / 30, WeekStart::kMonday, hours{144}}));

TEST(DayBegins, HavanaSpringForwardDayStartsAtOne) {
  const auto* havana = testing::zone_named("America/Havana");
  const auto begins = day_begins(2025_y / 3 / 9, havana, minutes{0});
  EXPECT_EQ(iso_datetime(begins, moment_of(begins, havana).offset), "2025-03-09T01:00:00-04:00");
}

TEST(DayBegins, DayStartMovesTheBoundary) {
  const auto* berlin = testing::zone_named("Europe/Berlin");
  const auto begins = day_begins(2026_y / 11 / 24, berlin, hours{3});
  EXPECT_EQ(iso_datetime(begins, hours{1}), "2026-11-24T03:00:00+01:00");
}

struct LocalDay {
  const char* zone;
  const char* instant;
  const char* day;
  const char* week;
};

void PrintTo(const LocalDay& row, std::ostream* out) {
  *out << row.zone << " " << row.instant;
}

class EntryDays : public ::testing::TestWithParam<LocalDay> {};

// An instant near midnight lands on the day and ISO week its zone's calendar says.
TEST_P(EntryDays, InstantLandsOnTheLocalDayAndWeek) {
  const auto& [zone_name, instant, day, week] = GetParam();
  const Moment moment = moment_of(parse_instant(instant, "t"), testing::zone_named(zone_name));
  EXPECT_EQ(iso_date(moment.local_date()), day) << zone_name << " " << instant;
  EXPECT_EQ(iso_week_label(moment.local_date()), week) << zone_name << " " << instant;
}

INSTANTIATE_TEST_SUITE_P(
    Zones, EntryDays,
    ::testing::Values(
        LocalDay{"Europe/Berlin", "2025-12-28T22:59:59Z", "2025-12-28", "2025-W52"},
        LocalDay{"Europe/Berlin", "2025-12-28T23:00:00Z", "2025-12-29", "2026-W01"},
        LocalDay{"America/New_York", "2027-01-04T04:59:59Z", "2027-01-03", "2026-W53"},
        LocalDay{"America/New_York", "2027-01-04T05:00:00Z", "2027-01-04", "2027-W01"},
        LocalDay{"Australia/Lord_Howe", "2025-04-05T12:59:59Z", "2025-04-05", "2025-W14"},
        LocalDay{"Australia/Lord_Howe", "2025-04-05T13:00:00Z", "2025-04-06", "2025-W14"},
        LocalDay{"Asia/Kathmandu", "2024-12-29T18:15:00Z", "2024-12-30", "2025-W01"},
        LocalDay{"Asia/Kathmandu", "2024-12-29T18:14:59Z", "2024-12-29", "2024-W52"},
        LocalDay{"Pacific/Apia", "2011-12-30T10:00:00Z", "2011-12-31", "2011-W52"},
        LocalDay{"America/Havana", "2025-03-09T05:00:00Z", "2025-03-09", "2025-W10"},
        LocalDay{"America/Havana", "2025-03-09T04:59:59Z", "2025-03-08", "2025-W10"}));

TEST(Travel, AnEntryFromNewYorkKeepsItsDayWhenViewedFromTokyo) {
  TimeContext new_york;
  new_york.zone = testing::zone_named("America/New_York");
  new_york.now = parse_instant("2026-11-24T23:00:00-05:00", "now");
  const When logged = parse_when("22:30", "--at", new_york);
  EXPECT_EQ(iso_date(logged.day), "2026-11-24");
  const Moment stored = moment_with_offset(logged.moment.instant, logged.moment.offset);
  EXPECT_EQ(iso_date(stored.local_date()), "2026-11-24");
  EXPECT_EQ(iso_date(moment_of(stored.instant, testing::zone_named("Asia/Tokyo")).local_date()),
            "2026-11-25");  // what a naive tracker would show
}

TEST(MidnightCrossing, AnEntryCountsForTheDayItStarted) {
  TimeContext berlin;
  berlin.zone = testing::zone_named("Europe/Berlin");
  berlin.now = parse_instant("2026-01-01T02:00:00+01:00", "now");
  const When late = parse_when("2025-12-31 23:30", "--at", berlin);
  EXPECT_EQ(iso_date(late.day), "2025-12-31");
  EXPECT_EQ(iso_week_label(late.day), "2026-W01");
}

}  // namespace
}  // namespace qlfit
