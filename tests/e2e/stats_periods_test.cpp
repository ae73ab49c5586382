// stats end to end: which period it reports on, --json's shape, --check, colour, travel.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

TEST(Stats, WeekJsonHasTheContractShape) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "mon 07:00"});
  cli.run({"log", "butt-walk", "--at", "07:00"});
  cli.run({"log", "walk", "--minutes", "25", "--at", "mon 12:00"});
  cli.run({"log", "walk", "--minutes", "30", "--at", "06:00"});
  for (int i = 0; i < 9; ++i)
    cli.run({"log", "break", "--at", std::to_string(i) + "m ago"});
  const auto result = cli.run({"stats", "--week", "--json"});
  ASSERT_EQ(result.code, 0) << result.err;
  const auto stats = nlohmann::json::parse(result.out);
  EXPECT_EQ(stats["week"], "2026-W48");
  EXPECT_EQ(stats["start"], "2026-11-23");
  EXPECT_EQ(stats["end"], "2026-11-29");
  EXPECT_EQ(stats["sessions"]["count"], 2);
  EXPECT_EQ(stats["sessions"]["target"]["min"], 3);
  EXPECT_EQ(stats["sessions"]["target"]["max"], 4);
  EXPECT_EQ(stats["sessions"]["met"], false);
  EXPECT_EQ(stats["walk"]["minutes"], 55);
  EXPECT_EQ(stats["walk"]["by_day"], (nlohmann::json{{"2026-11-23", 25}, {"2026-11-24", 30}}));
  EXPECT_EQ(stats["breaks"]["count"], 9);
}

TEST(Stats, WeekWhenPicksAnotherWeek) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "2026-11-18 09:00"});
  EXPECT_EQ(nlohmann::json::parse(
                cli.run({"stats", "--week", "2026-W47", "--json"}).out)["sessions"]["count"],
            1);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"stats", "--week", "2026-11-20", "--json"}).out)["week"],
            "2026-W47");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"stats", "--json"}).out)["sessions"]["count"], 0);
  expect_refused(cli.run({"stats", "--week", "2025-W53"}), 2, "2025-W53");
}

TEST(Stats, MonthReportsTheWholeMonthWithAScaledTarget) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "2026-11-02 09:00"});
  cli.run({"log", "butt-walk", "--at", "2026-10-31 09:00"});
  const auto month = nlohmann::json::parse(cli.run({"stats", "--month", "--json"}).out);
  EXPECT_EQ(month["month"], "2026-11");
  EXPECT_EQ(month["start"], "2026-11-01");
  EXPECT_EQ(month["end"], "2026-11-30");
  EXPECT_EQ(month["sessions"]["count"], 1);
  EXPECT_EQ(month["sessions"]["target"]["min"], 13);
  EXPECT_FALSE(month.contains("week"));
  const auto october =
      nlohmann::json::parse(cli.run({"stats", "--month", "2026-10-15", "--json"}).out);
  EXPECT_EQ(october["month"], "2026-10");
  EXPECT_EQ(october["sessions"]["count"], 1);
}

TEST(Stats, FromToCountsWholeDaysBothEndsIncluded) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "2026-11-20 00:00"});
  cli.run({"log", "butt-walk", "--at", "2026-11-22 23:59"});
  cli.run({"log", "butt-walk", "--at", "2026-11-23 00:00"});
  const auto range = nlohmann::json::parse(
      cli.run({"stats", "--from", "2026-11-20", "--to", "2026-11-22", "--json"}).out);
  EXPECT_EQ(range["from"], "2026-11-20");
  EXPECT_EQ(range["to"], "2026-11-22");
  EXPECT_EQ(range["sessions"]["count"], 2);
  EXPECT_EQ(range["sessions"]["target"]["min"], 2);  // 3 * 3 / 7, rounded up
  expect_refused(cli.run({"stats", "--from", "2026-11-20"}), 2, "--from and --to go together");
  expect_refused(cli.run({"stats", "--from", "2026-11-22", "--to", "2026-11-20"}), 2,
                 "before it starts");
  expect_refused(cli.run({"stats", "--week", "--from", "2026-11-20", "--to", "2026-11-22"}), 2,
                 "one period");
  expect_refused(cli.run({"stats", "--week", "--month"}), 2, "excludes");
}

TEST(Stats, CheckExitsOneUntilTheTargetIsMet) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"stats", "--check"}).code, 1);
  cli.run({"log", "butt-walk", "--at", "mon 07:00"});
  cli.run({"log", "butt-walk", "--at", "mon 08:00"});
  EXPECT_EQ(cli.run({"stats", "--week", "--check"}).code, 1);
  cli.run({"log", "butt-walk"});
  EXPECT_EQ(cli.run({"stats", "--week", "--check"}).code, 0);
}

TEST(Stats, ColourOnlyOnATerminalWithoutNoColor) {
  CliHarness cli;
  cli.environment.stdout_is_terminal = true;
  EXPECT_NE(cli.run({"stats"}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(cli.run({"stats", "--color", "never"}).out.find('\x1b'), std::string::npos);
  cli.environment.no_color = "1";
  EXPECT_EQ(cli.run({"stats"}).out.find('\x1b'), std::string::npos);
  EXPECT_NE(cli.run({"--color", "always", "stats"}).out.find('\x1b'), std::string::npos);
  cli.environment.stdout_is_terminal = false;
  cli.environment.no_color.reset();
  EXPECT_EQ(cli.run({"stats"}).out.find('\x1b'), std::string::npos);
  expect_refused(cli.run({"stats", "--color", "sometimes"}), 2, "--color");
}

TEST(Stats, HighPainInTheWeekAddsTheAdvice) {
  CliHarness cli;
  cli.run({"log", "break", "--pain", "8"});
  EXPECT_NE(cli.run({"stats"}).out.find("trusted health provider"), std::string::npos);
}

TEST(Stats, TravelKeepsAnEntryOnItsDay) {
  CliHarness cli;
  cli.environment.tz = "America/New_York";
  cli.environment.qlfit_now = "2026-11-22T23:00:00-05:00";
  cli.run({"log", "butt-walk", "--at", "22:30"});
  cli.environment.tz = "Asia/Tokyo";
  cli.environment.qlfit_now = "2026-11-24T12:00:00+09:00";
  const auto entries = nlohmann::json::parse(cli.run({"list", "--json"}).out);
  EXPECT_EQ(entries[0]["date"], "2026-11-22");
  const auto week = nlohmann::json::parse(cli.run({"stats", "--week", "2026-W47", "--json"}).out);
  EXPECT_EQ(week["sessions"]["count"], 1);
}

}  // namespace
}  // namespace qlfit::testing
