#include "qlfit/when.hpp"

#include "qlfit/error.hpp"

#include "test_zones.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

// Tuesday 2026-11-24 07:30 in Berlin (+01:00).
TimeContext berlin_tuesday_morning() {
  TimeContext context;
  context.zone = testing::zone_named("Europe/Berlin");
  context.now = parse_instant("2026-11-24T07:30:00+01:00", "now");
  return context;
}

std::string at(std::string_view text, const TimeContext& context = berlin_tuesday_morning()) {
  const Moment moment = parse_at(text, context);
  return iso_datetime(moment.instant, moment.offset);
}

// Wednesday 2026-11-25 00:55 in Berlin, for a night owl whose days begin at 03:00:
// the habit day is still Tuesday.
TimeContext night_owl_wednesday() {
  TimeContext context = berlin_tuesday_morning();
  context.now = parse_instant("2026-11-25T00:55:00+01:00", "now");
  context.day_start = hours{3};
  return context;
}

std::string day(std::string_view text, std::string_view what, const TimeContext& context,
                std::optional<date::year_month_day> range_start = std::nullopt) {
  return iso_date(first_day(parse_when(text, what, context, range_start)));
}

struct AtWords {
  const char* text;
  const char* moment;
};

void PrintTo(const AtWords& row, std::ostream* out) {
  *out << row.text;
}

class AtFollowsTheCivilClock : public ::testing::TestWithParam<AtWords> {};

TEST_P(AtFollowsTheCivilClock, WhateverDayStartSays) {
  EXPECT_EQ(at(GetParam().text, night_owl_wednesday()), GetParam().moment);
}

INSTANTIATE_TEST_SUITE_P(
    NightOwl, AtFollowsTheCivilClock,
    ::testing::Values(AtWords{"00:40", "2026-11-25T00:40:00+01:00"},  // 15 minutes ago
                      AtWords{"today 00:40", "2026-11-25T00:40:00+01:00"},
                      AtWords{"wed 00:40", "2026-11-25T00:40:00+01:00"},  // today's
                      AtWords{"Wednesday 00:40", "2026-11-25T00:40:00+01:00"},
                      AtWords{"tue 23:00", "2026-11-24T23:00:00+01:00"},
                      AtWords{"yesterday 23:00", "2026-11-24T23:00:00+01:00"},
                      AtWords{"yesterday", "2026-11-24T12:00:00+01:00"},
                      AtWords{"today", "2026-11-25T00:55:00+01:00"},  // noon is ahead: now
                      AtWords{"2026-11-25", "2026-11-25T00:55:00+01:00"},
                      AtWords{"tue", "2026-11-24T12:00:00+01:00"}));

TEST(ParseWhen, RangeWordsNameHabitDays) {
  const auto context = night_owl_wednesday();  // habit day: Tuesday 2026-11-24
  EXPECT_EQ(day("today", "--since", context), "2026-11-24");
  EXPECT_EQ(day("yesterday", "--since", context), "2026-11-23");
  EXPECT_EQ(day("tue", "--since", context), "2026-11-24");
  EXPECT_EQ(day("wed", "--since", context), "2026-11-18");
  EXPECT_EQ(iso_date(context.today()), "2026-11-24");
}

TEST(ParseWhen, AWeekdayEndingARangeIsTheFirstSuchDayOnOrAfterItsStart) {
  const auto context = berlin_tuesday_morning();
  const auto monday = 2026_y / 11 / 23;
  EXPECT_EQ(day("sun", "--to", context, monday), "2026-11-29");
  EXPECT_EQ(day("mon", "--to", context, monday), "2026-11-23");
  EXPECT_EQ(day("Friday", "--until", context, 2026_y / 11 / 28), "2026-12-04");
  EXPECT_EQ(day("sun", "--to", context, 2026_y / 11 / 16), "2026-11-22");
  // Other forms, and a weekday without a start, are as ever.
  EXPECT_EQ(day("sun", "--until", context), "2026-11-22");
  EXPECT_EQ(day("2026-11-25", "--to", context, monday), "2026-11-25");
}

TEST(ParseWhen, AbsoluteIsoForms) {
  EXPECT_EQ(at("2026-11-20 07:30"), "2026-11-20T07:30:00+01:00");
  EXPECT_EQ(at("2026-11-20T07:30"), "2026-11-20T07:30:00+01:00");
  EXPECT_EQ(at("2026-11-20T07:30:15"), "2026-11-20T07:30:15+01:00");
  EXPECT_EQ(at("2026-11-20T07:30:00Z"), "2026-11-20T07:30:00+00:00");
  EXPECT_EQ(at("2026-07-20T07:30:00+02:00"), "2026-07-20T07:30:00+02:00");
  EXPECT_EQ(at("2026-07-20 07:30"), "2026-07-20T07:30:00+02:00");
}

TEST(ParseWhen, AnExplicitOffsetIsKeptAsTheEntrysOwn) {
  EXPECT_EQ(at("2026-11-23T22:30:00-05:00"), "2026-11-23T22:30:00-05:00");
  const auto context = berlin_tuesday_morning();
  EXPECT_EQ(parse_when("2026-11-23T22:30:00-05:00", "--at", context).day, 2026_y / 11 / 23);
}

TEST(ParseWhen, ClockTimeMeansToday) {
  EXPECT_EQ(at("07:00"), "2026-11-24T07:00:00+01:00");
  EXPECT_EQ(at("7:00"), "2026-11-24T07:00:00+01:00");
  EXPECT_EQ(at("mon 9:15"), "2026-11-23T09:15:00+01:00");
  EXPECT_EQ(at("00:00"), "2026-11-24T00:00:00+01:00");
}

TEST(ParseWhen, YesterdayAndToday) {
  EXPECT_EQ(at("yesterday 18:00"), "2026-11-23T18:00:00+01:00");
  EXPECT_EQ(at("yesterday"), "2026-11-23T12:00:00+01:00");
  EXPECT_EQ(at("Yesterday 18:00"), "2026-11-23T18:00:00+01:00");
  EXPECT_EQ(at("today 06:00"), "2026-11-24T06:00:00+01:00");
}

TEST(ParseWhen, BareDayIsNoonOrNowWhenNoonIsStillAhead) {
  EXPECT_EQ(at("2026-11-23"), "2026-11-23T12:00:00+01:00");
  EXPECT_EQ(at("today"), "2026-11-24T07:30:00+01:00");
  EXPECT_EQ(at("2026-11-24"), "2026-11-24T07:30:00+01:00");
}

TEST(ParseWhen, WeekdayIsTheMostRecentTodayIncluded) {
  EXPECT_EQ(at("mon"), "2026-11-23T12:00:00+01:00");
  EXPECT_EQ(at("tue"), "2026-11-24T07:30:00+01:00");
  EXPECT_EQ(at("wed"), "2026-11-18T12:00:00+01:00");
  EXPECT_EQ(at("sunday"), "2026-11-22T12:00:00+01:00");
}

TEST(ParseWhen, WeekdayWithTimeIsTheMostRecentMomentNotInTheFuture) {
  EXPECT_EQ(at("tue 07:00"), "2026-11-24T07:00:00+01:00");
  EXPECT_EQ(at("tue 08:00"), "2026-11-17T08:00:00+01:00");
  EXPECT_EQ(at("mon 18:00"), "2026-11-23T18:00:00+01:00");
}

TEST(ParseWhen, AgoCountsMinutesAndHoursFromTheInstantAndDaysOnTheCalendar) {
  EXPECT_EQ(at("90m ago"), "2026-11-24T06:00:00+01:00");
  EXPECT_EQ(at("2h ago"), "2026-11-24T05:30:00+01:00");
  EXPECT_EQ(at("3d ago"), "2026-11-21T07:30:00+01:00");
  EXPECT_EQ(at("0m ago"), "2026-11-24T07:30:00+01:00");
}

TEST(ParseWhen, DaysAgoKeepsTheWallTimeAcrossDst) {
  TimeContext context = berlin_tuesday_morning();
  context.now = parse_instant("2025-10-27T07:30:00+01:00", "now");
  EXPECT_EQ(at("2d ago", context), "2025-10-25T07:30:00+02:00");
  EXPECT_EQ(at("48h ago", context), "2025-10-25T08:30:00+02:00");
}

TEST(ParseWhen, WeeksAndMonthsArePeriods) {
  const auto context = berlin_tuesday_morning();
  const When week = parse_when("2026-W47", "--week", context);
  ASSERT_EQ(week.kind, When::Kind::kPeriod);
  EXPECT_EQ(week.period.range.first, 2026_y / 11 / 16);
  EXPECT_EQ(week.period.label, "2026-W47");
  const When month = parse_when("2026-11", "--month", context);
  EXPECT_EQ(month.period.range.last, 2026_y / 11 / 30);
  EXPECT_EQ(parse_when("2026-w53", "--week", context).period.range.last, 2027_y / 1 / 3);
}

TEST(ParseWhen, AtRefusesPeriodsAndTheFuture) {
  EXPECT_THROW(at("2026-W47"), Error);
  EXPECT_THROW(at("2026-11"), Error);
  EXPECT_THROW(at("07:36"), Error);
  EXPECT_EQ(at("07:35"), "2026-11-24T07:35:00+01:00");
  EXPECT_THROW(at("2026-11-25"), Error);
}

TEST(ParseWhen, RefusesBadFormsQuotingTheInput) {
  const auto context = berlin_tuesday_morning();
  const std::string long_text(10'000, '1');
  for (const std::string& bad : std::vector<std::string>{"2026-02-30",
                                                         "2026-13-01",
                                                         "25:00",
                                                         "07:61",
                                                         "-3d ago",
                                                         "3 d ago",
                                                         "3x ago",
                                                         "",
                                                         "2026-11-24T07:30+14:30",
                                                         "2026-11-24T07:30-15:00",
                                                         "2025-W53",
                                                         "2026-W00",
                                                         "2026-00",
                                                         "tomorrow",
                                                         "yesterday 25:00",
                                                         "mon 7:3",
                                                         "123:00",
                                                         std::string("07:30\0", 6),
                                                         long_text,
                                                         "99999999999d ago",
                                                         "2026-11-24T07:30:00+1",
                                                         "2026-11-24x"}) {
    try {
      parse_when(bad, "--at", context);
      ADD_FAILURE() << "accepted " << bad.substr(0, 40);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
      EXPECT_NE(std::string(error.what()).find('"'), std::string::npos) << error.what();
    }
  }
}

TEST(ParseWhen, NamesTheMonthLengthForAnImpossibleDate) {
  try {
    parse_when("2026-02-30", "--at", berlin_tuesday_morning());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "--at: \"2026-02-30\" is not a date: 2026-02 has 28 days");
  }
}

TEST(ParseWhen, GapTimeIsRefused) {
  TimeContext context = berlin_tuesday_morning();
  context.now = parse_instant("2025-04-01T07:30:00+02:00", "now");
  EXPECT_THROW(parse_when("2025-03-30 02:30", "--at", context), Error);
}

TEST(ParseWhen, HistoricOffsetsWithSecondsSurviveTheRoundTrip) {
  TimeContext context = berlin_tuesday_morning();
  context.zone = testing::zone_named("Africa/Monrovia");
  const Moment moment = parse_when("1970-06-01 12:00", "--at", context).moment;
  EXPECT_EQ(format_offset(moment.offset), "-00:44:30");
  const std::string text = iso_datetime(moment.instant, moment.offset);
  EXPECT_EQ(text, "1970-06-01T12:00:00-00:44:30");
  EXPECT_EQ(parse_when(text, "--at", context).moment.instant, moment.instant);
}

TEST(ParseInstant, NeedsAnOffset) {
  EXPECT_EQ(parse_instant("2026-11-24T06:30:00Z", "QLFIT_NOW"),
            parse_instant("2026-11-24T07:30:00+01:00", "QLFIT_NOW"));
  EXPECT_THROW(parse_instant("2026-11-24T07:30:00", "QLFIT_NOW"), Error);
  EXPECT_THROW(parse_instant("2026-11-24", "QLFIT_NOW"), Error);
  EXPECT_THROW(parse_instant("now", "QLFIT_NOW"), Error);
}

TEST(TimeContext, TodayFollowsTheZoneNotUtc) {
  TimeContext context;
  context.zone = testing::zone_named("Asia/Tokyo");
  context.now = parse_instant("2026-11-24T22:30:00-05:00", "now");
  EXPECT_EQ(context.today(), 2026_y / 11 / 25);
}

TEST(StorableStart, TheYearsAndOffsetsTheExportFormCanWriteBack) {
  const std::int64_t first = -2208988800;  // 1900-01-01T00:00:00Z
  const std::int64_t last = 253402300799;  // 9999-12-31T23:59:59Z
  constexpr std::int64_t kMostOffset = 14 * 3600;
  EXPECT_TRUE(storable_start(first, 0));
  EXPECT_FALSE(storable_start(first - 1, 0));
  EXPECT_TRUE(storable_start(last, 0));
  EXPECT_FALSE(storable_start(last + 1, 0));
  // The local date counts: an instant before 1900 in UTC is in 1900 east of Greenwich.
  EXPECT_TRUE(storable_start(first - 3600, 3600));
  EXPECT_FALSE(storable_start(last, 1));
  EXPECT_TRUE(storable_start(1795507200, kMostOffset));
  EXPECT_TRUE(storable_start(1795507200, -kMostOffset));
  EXPECT_FALSE(storable_start(1795507200, kMostOffset + 1));
  // Year 70000, which a year kept in 16 bits would wrap to 4464, and numbers at the ends
  // of 64 bits (their sum with an offset would overflow).
  EXPECT_FALSE(storable_start(2146847792400, 3600));
  EXPECT_FALSE(storable_start(std::numeric_limits<std::int64_t>::max(), kMostOffset));
  EXPECT_FALSE(storable_start(std::numeric_limits<std::int64_t>::min(), -kMostOffset));
  EXPECT_FALSE(storable_start(0, std::numeric_limits<std::int64_t>::max()));
}

}  // namespace
}  // namespace qlfit
