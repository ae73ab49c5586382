#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <ostream>
#include <streambuf>
#include <sys/stat.h>

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

TEST(Undo, RevertsTheLastLogAndSaysWhich) {
  CliHarness cli;
  cli.run({"log", "butt-walk"});
  cli.run({"log", "walk", "--minutes", "25"});
  const auto result = cli.run({"undo"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out, "undid log of #2 walk Tue 24 Nov 07:30 (25m)\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 1U);
}

TEST(Undo, NothingToUndoIsExitTwoAndCreatesNothing) {
  CliHarness cli;
  expect_refused(cli.run({"undo"}), 2, "nothing to undo");
  expect_refused(cli.run({"stop", "--cancel"}), 2, "no timer");
  EXPECT_EQ(cli.run({"config", "unset", "walk.min"}).code, 0);
  EXPECT_FALSE(cli.db_exists());
}

TEST(List, JsonHasTheContractFieldsInOrder) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "mon 07:00", "--pain", "3", "--note", "stiff"});
  cli.run({"log", "walk", "--minutes", "25"});
  const auto entries = nlohmann::json::parse(cli.run({"list", "--json"}).out);
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0]["n"], 1);
  EXPECT_EQ(entries[0]["activity"], "butt-walk");
  EXPECT_EQ(entries[0]["kind"], "session");
  EXPECT_EQ(entries[0]["start"], "2026-11-23T07:00:00+01:00");
  EXPECT_EQ(entries[0]["duration_s"], 600);
  EXPECT_EQ(entries[0]["pain"], 3);
  EXPECT_EQ(entries[0]["note"], "stiff");
  EXPECT_TRUE(entries[1]["pain"].is_null());
  EXPECT_TRUE(entries[1]["note"].is_null());
  EXPECT_EQ(entries[0]["id"].get<std::string>().size(), 36U);
}

TEST(List, LimitKeepsTheMostRecentOldestFirst) {
  CliHarness cli;
  cli.run({"log", "break", "--at", "07:00"});
  cli.run({"log", "break", "--at", "06:00"});
  cli.run({"log", "break", "--at", "07:10"});
  const auto entries = nlohmann::json::parse(cli.run({"list", "--json", "--limit", "2"}).out);
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0]["n"], 1);
  EXPECT_EQ(entries[1]["n"], 3);
  expect_refused(cli.run({"list", "--limit", "0"}), 2, "--limit");
}

TEST(List, SinceUntilActivityAndKindNarrow) {
  CliHarness cli;
  cli.run({"log", "break", "--at", "2026-11-20 09:00"});
  cli.run({"log", "walk", "--minutes", "20", "--at", "mon 09:00"});
  cli.run({"log", "break", "--at", "07:00"});
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json", "--since", "mon"}).out).size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json", "--until", "mon"}).out).size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json", "--kind", "walk"}).out).size(), 1U);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json", "--activity", "break"}).out).size(),
            2U);
  expect_refused(cli.run({"list", "--kind", "nap"}), 2, "--kind must be session, walk or break");
}

TEST(List, AnUnknownActivityOrKindIsExitTwoNamingTheKnownOnes) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  cli.run({"activity", "add", "stairs", "--kind", "walk"});
  cli.run({"log", "stairs", "--minutes", "5"});
  cli.run({"activity", "rm", "stairs", "--archive"});
  expect_refused(cli.run({"list", "--activity", "wlk"}), 2,
                 "unknown activity \"wlk\"; the activities are: butt-walk, walk, break");
  expect_refused(cli.run({"list", "--activity", "wlk", "--json"}), 2, "unknown activity");
  expect_refused(cli.run({"list", "--kind", "wlk"}), 2, "--kind must be session, walk or break");
  // An archived activity's entries still count, so they can still be listed.
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json", "--activity", "stairs"}).out).size(),
            1U);
  CliHarness fresh;
  EXPECT_EQ(fresh.run({"list", "--activity", "walk"}).code, 0);
  expect_refused(fresh.run({"list", "--activity", "wlk"}), 2, "unknown activity");
  EXPECT_FALSE(fresh.db_exists());
}

TEST(List, TextShowsEveryEntryAndDefusesNotes) {
  CliHarness cli;
  cli.run({"log", "break", "--note", "\x1b[31mred"});
  const auto out = cli.run({"list"}).out;
  EXPECT_NE(out.find("2026-11-24 07:30 +01:00"), std::string::npos) << out;
  EXPECT_NE(out.find("\\x1b[31mred"), std::string::npos) << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

TEST(List, OnAMissingDatabaseSaysSoAndCreatesNothing) {
  CliHarness cli;
  const auto result = cli.run({"list"});
  EXPECT_EQ(result.code, 0);
  EXPECT_NE(result.out.find("no entries yet"), std::string::npos);
  EXPECT_FALSE(cli.db_exists());
}

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

TEST(Config, ListShowsEveryKeyWithItsValueAndMeaning) {
  CliHarness cli;
  const auto result = cli.run({"config", "list"});
  EXPECT_EQ(result.code, 0);
  for (const char* key : {"sessions.min", "walk.max", "break.every", "break.hours", "break.days",
                          "week.start", "day.start", "session.duration", "break.duration",
                          "pain.warn", "remind.session_at", "remind.walk_at"}) {
    EXPECT_NE(result.out.find(key), std::string::npos) << key;
  }
  EXPECT_FALSE(cli.db_exists());
}

// sync.dir: the folder `sync` remembers, shown with the settings, set only by `sync DIR`.
TEST(Config, SyncDirIsShownOnceASyncSetItAndOnlySyncSetsIt) {
  CliHarness cli;
  EXPECT_NE(cli.run({"config", "list"}).out.find("sync.dir           none "), std::string::npos);
  expect_refused(cli.run({"config", "get", "sync.dir"}), 2, "sync.dir is not set yet");
  const std::string folder = cli.dir.file("shared");
  cli.run({"log", "walk", "--minutes", "20"});  // sync makes no database (nothing to send)
  ASSERT_EQ(cli.run({"sync", folder}).code, 0);
  EXPECT_EQ(cli.run({"config", "get", "sync.dir"}).out, folder + "\n");
  EXPECT_NE(
      cli.run({"config", "list"}).out.find("sync.dir           " + folder + " (default none)"),
      std::string::npos);
  expect_refused(cli.run({"config", "set", "sync.dir", "/elsewhere"}), 2, "qlfit sync DIR");
  expect_refused(cli.run({"config", "unset", "sync.dir"}), 2, "qlfit sync DIR");
  EXPECT_EQ(cli.run({"config", "get", "sync.dir"}).out, folder + "\n");
}

TEST(Config, SetGetUnsetRoundTrip) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"config", "get", "walk.min"}).out, "20\n");
  EXPECT_EQ(cli.run({"config", "set", "break.every", "45"}).out, "break.every = 45m\n");
  EXPECT_EQ(cli.run({"config", "get", "break.every"}).out, "45m\n");
  EXPECT_NE(cli.run({"config", "list"}).out.find("45m (default 30m)"), std::string::npos);
  EXPECT_EQ(cli.run({"config", "unset", "break.every"}).out, "break.every = 30m (the default)\n");
  EXPECT_EQ(cli.run({"config", "get", "break.every"}).out, "30m\n");
}

TEST(Config, BadValuesAreRefusedAndNothingIsWritten) {
  CliHarness cli;
  expect_refused(cli.run({"config", "set", "sessions.min", "5"}), 2, "sessions.max");
  expect_refused(cli.run({"config", "set", "break.hours", "17:00-09:00"}), 2, "\"17:00-09:00\"");
  expect_refused(cli.run({"config", "set", "nope", "1"}), 2, "unknown setting \"nope\"");
  expect_refused(cli.run({"config", "get", "nope"}), 2, "unknown setting");
  expect_refused(cli.run({"config", "set", "walk.min"}), 2, "VALUE is required");
  expect_refused(cli.run({"config"}), 2, "subcommand");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Config, SessionTargetsChangeTheVerdict) {
  CliHarness cli;
  cli.run({"config", "set", "sessions.min", "1"});
  EXPECT_EQ(cli.run({"log", "butt-walk"}).out,
            "#1 butt-walk Tue 24 Nov 07:30 — 1 of 1–4 sessions this week: target met\n");
  EXPECT_EQ(cli.run({"stats", "--check"}).code, 0);
}

TEST(Config, DefaultDurationsApplyToNewEntries) {
  CliHarness cli;
  cli.run({"config", "set", "session.duration", "20m"});
  cli.run({"log", "butt-walk"});
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out)[0]["duration_s"], 1200);
}

TEST(Config, SundayWeeksAreLabelledByTheirFirstDate) {
  CliHarness cli;
  cli.run({"config", "set", "week.start", "sunday"});
  cli.run({"log", "butt-walk", "--at", "2026-11-22 09:00"});  // a Sunday
  const auto week = nlohmann::json::parse(cli.run({"stats", "--json"}).out);
  EXPECT_EQ(week["week"], "2026-11-22");
  EXPECT_EQ(week["start"], "2026-11-22");
  EXPECT_EQ(week["end"], "2026-11-28");
  EXPECT_EQ(week["sessions"]["count"], 1);
  const auto iso = nlohmann::json::parse(cli.run({"stats", "--week", "2026-W47", "--json"}).out);
  EXPECT_EQ(iso["start"], "2026-11-15");
}

TEST(Config, DayStartCountsLateNightsForTheDayBefore) {
  CliHarness cli;
  cli.run({"config", "set", "day.start", "03:00"});
  cli.run({"log", "walk", "--minutes", "20", "--at", "2026-11-23 01:30"});
  const auto week = nlohmann::json::parse(cli.run({"stats", "--week", "2026-W47", "--json"}).out);
  EXPECT_EQ(week["walk"]["by_day"], (nlohmann::json{{"2026-11-22", 20}}));
  EXPECT_NE(cli.run({"log", "walk", "--minutes", "5", "--at", "2026-11-23 02:00"})
                .out.find("25 of 20–30 min walked that day"),
            std::string::npos);
  const auto listed = nlohmann::json::parse(
      cli.run({"list", "--json", "--since", "2026-11-22", "--until", "2026-11-22"}).out);
  EXPECT_EQ(listed.size(), 2U);
}

TEST(Config, DayStartMovesALateNightIntoTheWeekBeforeInEveryWeeksView) {
  CliHarness cli;  // today is Tuesday 2026-11-24, in 2026-W48
  cli.run({"config", "set", "day.start", "03:00"});
  // Monday 01:30 of W48 and W47 belong to the Sunday before: weeks W47 and W46.
  for (const char* at : {"2026-11-23 01:30", "2026-11-16 01:30", "2026-11-16 08:00"})
    cli.run({"log", "butt-walk", "--at", at});
  const auto report = nlohmann::json::parse(cli.run({"stats", "--weeks", "3", "--json"}).out);
  std::vector<int> counts;
  for (const auto& week : report["weeks"])
    counts.push_back(week["sessions"]["count"]);
  EXPECT_EQ(counts, (std::vector<int>{1, 2, 0}));  // W46, W47, W48
  const auto one = nlohmann::json::parse(cli.run({"stats", "--week", "2026-W47", "--json"}).out);
  EXPECT_EQ(one["sessions"]["count"], 2);
}

TEST(Storage, ANewerDatabaseIsRefusedWithExitThree) {
  CliHarness cli;
  cli.environment.qlfit_db = cli.dir.file("text.db");
  std::ofstream(*cli.environment.qlfit_db) << "this is a text file, not a database at all......";
  expect_refused(cli.run({"stats"}), 3, "not a SQLite database");
  expect_refused(cli.run({"log", "break"}), 3, "not a SQLite database");
}

TEST(Storage, AFolderIsRefusedWithExitThree) {
  CliHarness cli;
  expect_refused(cli.run({"--db", cli.dir.path().string(), "log", "break"}), 3, "folder");
}

TEST(Help, TopLevelListsCommandsAndCreatesNothing) {
  CliHarness cli;
  const auto result = cli.run({"--help"});
  EXPECT_EQ(result.code, 0);
  for (const char* word : {"log", "undo", "list", "stats", "Exit status", "QLFIT_DB"}) {
    EXPECT_NE(result.out.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(cli.run({}).out, result.out);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Help, EachCommandShowsAnExample) {
  CliHarness cli;
  for (const char* command :
       {"log", "undo", "edit", "rm", "start", "stop", "status", "list", "stats", "remind", "cron",
        "export", "import", "backup", "pause", "config", "activity", "completion"}) {
    const auto result = cli.run({command, "--help"});
    EXPECT_EQ(result.code, 0) << command;
    EXPECT_NE(result.out.find("xample"), std::string::npos) << command;
    EXPECT_NE(result.out.find(std::string("  qlfit ") + command), std::string::npos) << command;
  }
  const std::string top = cli.run({"--help"}).out;
  for (const char* group :
       {"Record:", "Review:", "Remind:", "Your data:", "Your plan:", "Shell:"}) {
    EXPECT_NE(top.find(group), std::string::npos) << group;
  }
  // Rest days, targets and activities are the plan, kept up as it changes: not a set-up.
  EXPECT_EQ(top.find("Set up:"), std::string::npos);
  const auto plan = top.substr(top.find("Your plan:"));
  for (const char* command : {"pause", "config", "activity"})
    EXPECT_LT(plan.find(std::string("  ") + command), plan.find("Shell:")) << command;
}

TEST(Help, HelpCommandShowsTheSameHelpAsTheOption) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"help"}).out, cli.run({"--help"}).out);
  EXPECT_EQ(cli.run({"help", "log"}).out, cli.run({"log", "--help"}).out);
  EXPECT_EQ(cli.run({"help", "config", "set"}).out, cli.run({"config", "set", "--help"}).out);
  EXPECT_EQ(cli.run({"help", "log"}).code, 0);
  expect_refused(cli.run({"help", "logg"}), 2,
                 "\"logg\" is not a qlfit command; did you mean 'log'? (see 'qlfit --help')");
  expect_refused(cli.run({"help", "config", "sett"}), 2,
                 "\"sett\" is not a command of 'qlfit config'; did you mean 'config set'?");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Help, TyposGetTheClosestCommandOrOption) {
  CliHarness cli;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"logg", "butt-walk"},
       "\"logg\" is not a qlfit command; did you mean 'log'? (see 'qlfit --help')"},
      {{"--db", cli.dir.file("x.db"), "stast"}, "did you mean 'stats'?"},
      {{"frobnicate"}, "\"frobnicate\" is not a qlfit command (see 'qlfit --help')"},
      // Worded for every command's name ("a 'away' command" was not).
      {{"away", "frob"}, "\"frob\" is not a command of 'qlfit away' (see 'qlfit away --help')"},
      {{"log", "butt-walk", "--pian", "3"},
       "log has no option \"--pian\"; did you mean --pain? (see 'qlfit log --help')"},
      {{"log", "walk", "--note", "-3", "--minutse", "20"}, "did you mean --minutes?"},
      {{"activity", "add", "x", "--knid", "walk"},
       "activity add has no option \"--knid\"; did you mean --kind?"},
      {{"--colr", "never", "list"}, "qlfit has no option \"--colr\"; did you mean --color?"},
  };
  for (const auto& [args, words] : cases)
    expect_refused(cli.run(args), 2, words);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Wording, SmallThingsReadAsTheyShould) {
  CliHarness cli;
  // A sitting time reads as stats writes one (7h59m), not as 479 minutes.
  cli.environment.qlfit_now = "2026-11-24T16:59:00+01:00";
  EXPECT_EQ(cli.run({"remind", "--for", "break"}).out,
            "Time to stand up and move: you have sat 7h59m (since 09:00). Log it with 'qlfit log "
            "break'.\n");
  // An average rounds half up: 4.25 is 4.3.
  for (const char* pain : {"4", "4", "4", "5"})
    cli.run({"log", "break", "--pain", pain});
  const auto week = cli.run({"stats"}).out;
  EXPECT_NE(week.find("Pain      average 4.3, highest 5 (4 entries)"), std::string::npos) << week;
  // A pause is named by its number, whatever the largest number is.
  expect_refused(cli.run({"pause", "rm", "x"}), 2,
                 "a pause is named by its number from 'qlfit pause list', got \"x\"");
  EXPECT_EQ(cli.run({"pause", "rm", "x"}).err.find("9223372036854775807"), std::string::npos);
  // --help shows no CLI11 bookkeeping; --for with --minutes is still refused.
  EXPECT_EQ(cli.run({"log", "--help"}).out.find("Excludes"), std::string::npos);
  EXPECT_EQ(cli.run({"edit", "--help"}).out.find("Excludes"), std::string::npos);
  expect_refused(cli.run({"edit", "1", "--for", "10m", "--minutes", "10"}), 2,
                 "give either --for or --minutes, not both");
  // A one-day period asks one session, not "1–1".
  cli.run({"log", "butt-walk"});
  const auto day = cli.run({"stats", "--from", "today", "--to", "today"}).out;
  EXPECT_NE(day.find("Sessions  1 of 1 · target met"), std::string::npos) << day;
}

TEST(Help, VersionNamesTheProgram) {
  CliHarness cli;
  cli.environment.tz = "Not/AZone";
  cli.environment.qlfit_now = "garbage";
  const auto result = cli.run({"--version"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out.rfind("qlfit ", 0), 0U);
  EXPECT_FALSE(cli.db_exists());
}

// A stream that fails as write(2) does on a full disk or a closed pipe: after
// `room` bytes every write fails with `error` in errno.
class FailingOutput final : public std::streambuf {
 public:
  FailingOutput(int error, std::size_t room) : error_(error), room_(room) {}

 protected:
  std::streamsize xsputn(const char*, std::streamsize size) override {
    const auto put = std::min<std::streamsize>(size, static_cast<std::streamsize>(room_));
    room_ -= static_cast<std::size_t>(put);
    if (put < size)
      errno = error_;
    return put;
  }
  int_type overflow(int_type c) override {
    const char one = traits_type::to_char_type(c);
    return xsputn(&one, 1) == 1 ? c : traits_type::eof();
  }

 private:
  int error_;
  std::size_t room_;
};

// Runs `args` with one walk logged and stdout failing with `error` after `room` bytes.
CliResult run_failing(const std::vector<std::string>& args, int error, std::size_t room) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25"});
  FailingOutput failing(error, room);
  std::ostream out(&failing);
  return cli.run(args, out);
}

TEST(Output, AFullDiskIsExitThreeWithOneLine) {
  for (const std::size_t room : {std::size_t{0}, std::size_t{10}}) {
    const auto result = run_failing({"export"}, ENOSPC, room);
    EXPECT_EQ(result.code, 3);
    EXPECT_EQ(result.err,
              "qlfit: cannot write the output: No space left on device (the command itself was "
              "carried out)\n");
  }
}

TEST(Output, AReaderThatWentAwayIsNotAnError) {
  const auto result = run_failing({"list"}, EPIPE, 10);
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.err, "");
}

TEST(Output, AFailedCommandKeepsItsOwnLine) {
  const auto result = run_failing({"log", "nosuch"}, ENOSPC, 0);
  EXPECT_EQ(result.code, 2);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

}  // namespace
}  // namespace qlfit::testing
