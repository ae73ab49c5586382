// Time through the whole CLI: how zones are found (TZ's forms, TZDIR, /etc/localtime on
// a stand-in root), the footer rule after the last listed transition, and which words
// follow the clock (--at) or the habit day (ranges, list --json's date).
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace qlfit::testing {
namespace {

namespace fs = std::filesystem;

// The one entry `list --json` shows.
nlohmann::json only_entry(const CliHarness& cli) {
  const auto listed = nlohmann::json::parse(cli.run({"list", "--json"}).out);
  EXPECT_EQ(listed.size(), 1U);
  return listed.empty() ? nlohmann::json() : listed[0];
}

void copy_zone(const std::string& zone, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file("/usr/share/zoneinfo/" + zone, to);
}

struct ZoneNaming {
  const char* tz;      // nullptr: unset
  const char* tzdir;   // under the test's folder; nullptr: unset
  const char* etc;     // a zone copied to the stand-in root's /etc/localtime; nullptr: none
  const char* offset;  // the offset `log` stores on 2026-11-24
};

void PrintTo(const ZoneNaming& row, std::ostream* out) {
  *out << "TZ=" << (row.tz ? row.tz : "(unset)") << " TZDIR=" << (row.tzdir ? row.tzdir : "(unset)")
       << " /etc/localtime=" << (row.etc ? row.etc : "(none)");
}

class ZonesAreFound : public ::testing::TestWithParam<ZoneNaming> {};

TEST_P(ZonesAreFound, AsTheCLibraryFindsThem) {
  const ZoneNaming& row = GetParam();
  CliHarness cli;
  cli.environment.qlfit_now = "2026-11-24T07:30:00Z";
  cli.environment.tz = row.tz ? std::optional<std::string>(row.tz) : std::nullopt;
  // A folder of its own: "My/Town" is Kathmandu there.
  copy_zone("Asia/Kathmandu", cli.dir.path() / "zones/My/Town");
  if (row.tzdir)
    cli.environment.tzdir = cli.dir.file(row.tzdir);
  if (row.etc) {
    cli.root = cli.dir.file("root");
    copy_zone(row.etc, cli.dir.path() / "root/etc/localtime");
  }
  const auto logged = cli.run({"log", "break"});
  ASSERT_EQ(logged.code, 0) << logged.err;
  EXPECT_EQ(only_entry(cli)["start"].get<std::string>().substr(19), row.offset);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ZonesAreFound,
    ::testing::Values(ZoneNaming{"Asia/Kathmandu", nullptr, nullptr, "+05:45"},
                      ZoneNaming{":Asia/Kathmandu", nullptr, nullptr, "+05:45"},
                      ZoneNaming{":/usr/share/zoneinfo/America/New_York", nullptr, nullptr,
                                 "-05:00"},
                      ZoneNaming{"My/Town", "zones", nullptr, "+05:45"},
                      ZoneNaming{":My/Town", "zones", nullptr, "+05:45"},
                      // TZ unset: a copied /etc/localtime is read, not taken for UTC.
                      ZoneNaming{nullptr, nullptr, "Asia/Kathmandu", "+05:45"},
                      ZoneNaming{"", nullptr, "America/Chicago", "-06:00"}));

TEST(Zones, CronLinesCarryTzdirAsAnAbsolutePath) {
  CliHarness cli;
  copy_zone("Europe/Berlin", cli.dir.path() / "zones" / "My" / "Town");
  cli.environment.tz = "My/Town";
  cli.environment.tzdir = "zones";  // relative to the folder qlfit runs in
  const std::string lines = cli.run({"cron", "--print"}).out;
  EXPECT_NE(lines.find("TZDIR=" + cli.dir.file("zones") + " TZ=My/Town "), std::string::npos)
      << lines;
}

TEST(Zones, AnAbsolutePathIsTheZonesNameInMessages) {
  CliHarness cli;
  cli.environment.tz = ":/usr/share/zoneinfo/Europe/Berlin";
  cli.environment.qlfit_now = "2025-03-30T12:00:00+02:00";
  expect_refused(cli.run({"log", "break", "--at", "02:30"}), 2,
                 "does not exist in /usr/share/zoneinfo/Europe/Berlin");
}

TEST(Zones, ANameMissingFromTzdirIsRefusedNamingTheFolder) {
  CliHarness cli;
  cli.environment.tzdir = cli.dir.file("empty");
  expect_refused(cli.run({"log", "break"}), 2,
                 "TZ=Europe/Berlin is not a time zone qlfit knows; use an IANA name such as "
                 "Europe/Berlin (see " +
                     cli.dir.file("empty") + ")");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Zones, HelpAndVersionReadNoZone) {
  CliHarness cli;
  cli.environment.tz = ":/nowhere/at/all";
  cli.environment.tzdir = "/nowhere";
  EXPECT_EQ(cli.run({"--version"}).code, 0);
  EXPECT_EQ(cli.run({"--help"}).code, 0);
  EXPECT_EQ(cli.run({"log", "--help"}).code, 0);
}

// Debian's zone files list transitions up to 2037; after that the footer decides.
TEST(Zones, TheFooterRuleDecidesAfter2037) {
  CliHarness cli;
  cli.environment.qlfit_now = "2040-07-01T13:00:00+02:00";
  const auto logged = cli.run({"log", "butt-walk", "--at", "2040-07-01 12:00"});
  ASSERT_EQ(logged.code, 0) << logged.err;
  EXPECT_EQ(only_entry(cli)["start"], "2040-07-01T12:00:00+02:00");
  cli.environment.qlfit_now = "2040-03-25T12:00:00+02:00";
  expect_refused(cli.run({"log", "break", "--at", "02:30"}), 2, "try 03:30");
}

// Wednesday 2026-11-25 00:55 in Berlin, with days that begin at 03:00.
void make_night_owl(CliHarness& cli) {
  cli.run({"config", "set", "day.start", "03:00"});
  cli.environment.qlfit_now = "2026-11-25T00:55:00+01:00";
}

struct AtCase {
  const char* at;
  const char* start;
  const char* date;  // the habit day it counts for
};

void PrintTo(const AtCase& row, std::ostream* out) {
  *out << "--at " << row.at;
}

class AtWordsFollowTheClock : public ::testing::TestWithParam<AtCase> {};

TEST_P(AtWordsFollowTheClock, NotTheHabitDay) {
  CliHarness cli;
  make_night_owl(cli);
  const auto logged = cli.run({"log", "break", "--at", GetParam().at});
  ASSERT_EQ(logged.code, 0) << logged.err;
  const auto entry = only_entry(cli);
  EXPECT_EQ(entry["start"], GetParam().start);
  EXPECT_EQ(entry["date"], GetParam().date);
}

INSTANTIATE_TEST_SUITE_P(NightOwl, AtWordsFollowTheClock,
                         ::testing::Values(
                             // 15 minutes ago: Wednesday's clock, Tuesday's habit day.
                             AtCase{"00:40", "2026-11-25T00:40:00+01:00", "2026-11-24"},
                             AtCase{"today 00:40", "2026-11-25T00:40:00+01:00", "2026-11-24"},
                             AtCase{"wed 00:40", "2026-11-25T00:40:00+01:00", "2026-11-24"},
                             AtCase{"yesterday 23:00", "2026-11-24T23:00:00+01:00", "2026-11-24"},
                             AtCase{"yesterday 01:00", "2026-11-24T01:00:00+01:00", "2026-11-23"}));

TEST(HabitDays, ListJsonDatesAnEntryByTheDayItCountsFor) {
  CliHarness cli;
  make_night_owl(cli);
  cli.run({"log", "walk", "--minutes", "20", "--at", "00:40"});
  const auto entry = only_entry(cli);
  EXPECT_EQ(entry["start"], "2026-11-25T00:40:00+01:00");
  EXPECT_EQ(entry["date"], "2026-11-24");
  // The same day the filters use: it is listed as Tuesday's.
  const auto tuesday = nlohmann::json::parse(
      cli.run({"list", "--json", "--since", "today", "--until", "today"}).out);
  EXPECT_EQ(tuesday.size(), 1U);
}

TEST(HabitDays, RangeWordsNameHabitDays) {
  CliHarness cli;
  make_night_owl(cli);  // the habit day is Tuesday 2026-11-24
  EXPECT_EQ(cli.run({"pause", "--from", "today", "--to", "today"}).out,
            "paused #1 2026-11-24..2026-11-24\n");
  cli.run({"pause", "rm", "1"});  // pauses may not overlap
  EXPECT_EQ(cli.run({"pause", "--from", "yesterday", "--to", "tue"}).out,
            "paused #2 2026-11-23..2026-11-24\n");
}

TEST(HabitDays, ATimeInARangeBeforeDayStartIsOnTheNextCalendarDay) {
  CliHarness cli;
  make_night_owl(cli);  // Wednesday 00:55, the habit day is Tuesday 2026-11-24
  ASSERT_EQ(cli.run({"log", "walk", "--minutes", "20", "--at", "mon 12:00"}).code, 0);
  ASSERT_EQ(cli.run({"log", "walk", "--minutes", "20", "--at", "00:50"}).code, 0);
  // Tuesday's 00:30 is Wednesday 00:30 on the clock: habit day Tuesday, not Monday.
  for (const char* since : {"today 00:30", "00:30", "tue 00:30"}) {
    const auto listed = nlohmann::json::parse(cli.run({"list", "--since", since, "--json"}).out);
    ASSERT_EQ(listed.size(), 1U) << since;
    EXPECT_EQ(listed[0]["start"], "2026-11-25T00:50:00+01:00") << since;
  }
}

TEST(HabitDays, AWeekdayToEndARangeIsTheFirstOnOrAfterItsStart) {
  CliHarness cli;  // Tuesday 2026-11-24
  EXPECT_EQ(cli.run({"pause", "--from", "mon", "--to", "sun"}).out,
            "paused #1 2026-11-23..2026-11-29\n");
  EXPECT_EQ(cli.run({"pause", "--from", "2026-12-02", "--to", "tue"}).out,
            "paused #2 2026-12-02..2026-12-08\n");
  const auto week =
      nlohmann::json::parse(cli.run({"stats", "--from", "mon", "--to", "sun", "--json"}).out);
  EXPECT_EQ(week["start"], "2026-11-23");
  EXPECT_EQ(week["end"], "2026-11-29");
}

}  // namespace
}  // namespace qlfit::testing
