// log end to end: what it confirms, offsets shown when they matter, bad input refused.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace qlfit::testing {
namespace {

TEST(Log, SessionConfirmsWithNumberTimeAndWeek) {
  CliHarness cli;
  const auto result = cli.run({"log", "butt-walk"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "#1 butt-walk Tue 24 Nov 07:30 — 1 of 3–4 sessions this week\n");
  EXPECT_EQ(result.err, "");
}

TEST(Log, ThirdSessionMeetsTheTarget) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "yesterday 18:00"});
  cli.run({"log", "butt-walk", "--at", "mon 07:00"});
  const auto result = cli.run({"log", "butt-walk"});
  EXPECT_EQ(result.out,
            "#3 butt-walk Tue 24 Nov 07:30 — 3 of 3–4 sessions this week: target met\n");
}

TEST(Log, WalkSumsTheDay) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "12", "--at", "06:00"});
  const auto result = cli.run({"log", "walk", "--for", "10m"});
  EXPECT_EQ(result.out,
            "#2 walk Tue 24 Nov 07:30 10m — 22 of 20–30 min walked that day, 22 min this week\n");
}

TEST(Log, IntoAnotherWeekSpeaksOfThatWeekAndNamesIt) {
  CliHarness cli;  // Tuesday 24 Nov
  cli.run({"log", "walk", "--at", "mon 09:00", "--minutes", "20"});
  cli.run({"log", "butt-walk", "--at", "mon 10:00"});
  EXPECT_EQ(cli.run({"log", "walk", "--at", "sun 17:00", "--minutes", "30"}).out,
            "#3 walk Sun 22 Nov 17:00 30m — 30 of 20–30 min walked that day, 30 min last week\n");
  EXPECT_EQ(cli.run({"log", "butt-walk", "--at", "3d ago"}).out,
            "#4 butt-walk Sat 21 Nov 07:30 — 1 of 3–4 sessions last week\n");
  EXPECT_EQ(cli.run({"log", "break", "--at", "2026-11-10 10:00"}).out,
            "#5 break Tue 10 Nov 10:00 — 1 break in the week of Mon 9 Nov\n");
  EXPECT_EQ(cli.run({"log", "butt-walk"}).out,
            "#6 butt-walk Tue 24 Nov 07:30 — 2 of 3–4 sessions this week\n");
}

TEST(Log, BreakCountsTheWeek) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"log", "break"}).out, "#1 break Tue 24 Nov 07:30 — 1 break this week\n");
}

TEST(Log, HighPainAddsTheHealthAdvice) {
  CliHarness cli;
  const auto high = cli.run({"log", "butt-walk", "--pain", "7"});
  EXPECT_NE(high.out.find("trusted health provider"), std::string::npos);
  const auto low = cli.run({"log", "butt-walk", "--pain", "6"});
  EXPECT_EQ(low.out.find("health provider"), std::string::npos);
}

TEST(Log, FallBackTimeShowsItsOffset) {
  CliHarness cli;
  cli.environment.qlfit_now = "2025-10-26T12:00:00+01:00";
  const auto result = cli.run({"log", "break", "--at", "02:30"});
  EXPECT_NE(result.out.find("Sun 26 Oct 02:30 +02:00"), std::string::npos) << result.out;
}

TEST(Log, TheSecondOfTwoEqualWallTimesShowsItsOffset) {
  CliHarness cli;
  cli.environment.qlfit_now = "2025-10-26T12:00:00+01:00";
  const auto result = cli.run({"log", "break", "--at", "2025-10-26T02:40:00+01:00"});
  EXPECT_NE(result.out.find("Sun 26 Oct 02:40 +01:00"), std::string::npos) << result.out;
}

TEST(Log, ExplicitOffsetIsKeptAndShown) {
  CliHarness cli;
  const auto result = cli.run({"log", "break", "--at", "2026-11-23T22:30:00-05:00"});
  EXPECT_NE(result.out.find("Mon 23 Nov 22:30 -05:00"), std::string::npos) << result.out;
}

TEST(Log, BadInputIsRefusedAndNothingIsWritten) {
  CliHarness cli;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"log", "butt-walk", "--pain", "11"},
       "--pain must be a whole number from 0 to 10, got \"11\""},
      {{"log", "butt-walk", "--pain", "-1"}, "--pain"},
      {{"log", "butt-walk", "--pain", "5.5"}, "\"5.5\""},
      {{"log", "walk"}, "--minutes"},
      {{"log", "walk", "--minutes", "0"}, "--minutes must be a whole number from 1 to 1440"},
      {{"log", "walk", "--minutes", "1441"}, "\"1441\""},
      {{"log", "walk", "--for", "25h"}, "at most 24h"},
      {{"log", "walk", "--for", "10m", "--minutes", "10"}, "give either --for or --minutes"},
      {{"log", "butt-walk", "--at", "2026-02-30"}, "2026-02 has 28 days"},
      {{"log", "butt-walk", "--at", "07:61"}, "\"07:61\""},
      {{"log", "butt-walk", "--at", "tomorrow"}, "\"tomorrow\""},
      {{"log", "butt-walk", "--at", "08:00"}, "in the future"},
      {{"log", "butt-walk", "--at", "2026-W47"}, "whole week"},
      {{"log", "butt-walk", "--note", "\xff\xfe"}, "UTF-8"},
      {{"log", "butt-walk", "--note", std::string(2001, 'x')}, "at most 2000 bytes"},
      {{"log", "yoga"}, "unknown activity \"yoga\""},
      {{"log"}, "ACTIVITY is required"},
      {{"log", "butt-walk", "--nonsense"}, "--nonsense"},
      {{"frobnicate"}, "frobnicate"},
  };
  for (const auto& [args, words] : cases) {
    SCOPED_TRACE(args.back());
    expect_refused(cli.run(args), 2, words);
  }
  EXPECT_FALSE(cli.db_exists());
}

TEST(Log, GapTimeIsRefusedNamingTheZone) {
  CliHarness cli;
  cli.environment.qlfit_now = "2025-03-30T12:00:00+02:00";
  expect_refused(cli.run({"log", "break", "--at", "02:30"}), 2, "Europe/Berlin");
}

TEST(Log, UnknownZoneIsRefused) {
  CliHarness cli;
  cli.environment.tz = "Nowhere/Special";
  expect_refused(cli.run({"log", "break"}), 2, "TZ=Nowhere/Special");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Log, BadClockIsRefused) {
  CliHarness cli;
  cli.environment.qlfit_now = "yesterday";
  expect_refused(cli.run({"stats"}), 2, "QLFIT_NOW");
}

TEST(Log, GlobalOptionsGoBeforeOrAfterTheCommand) {
  CliHarness cli;
  const auto path = cli.dir.file("elsewhere.db");
  EXPECT_EQ(cli.run({"--db", path, "log", "break"}).code, 0);
  EXPECT_EQ(cli.run({"log", "break", "--db", path}).code, 0);
  EXPECT_FALSE(cli.db_exists());
  EXPECT_NE(cli.run({"list", "--db", path}).out.find("#"), std::string::npos);
}

TEST(Log, QlfitDbChoosesTheFile) {
  CliHarness cli;
  cli.environment.qlfit_db = cli.dir.file("env.db");
  cli.run({"log", "break"});
  EXPECT_TRUE(std::filesystem::exists(cli.dir.file("env.db")));
  EXPECT_FALSE(cli.db_exists());
}

}  // namespace
}  // namespace qlfit::testing
