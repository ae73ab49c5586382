// config end to end: list, set/get/unset, bad values refused, settings changing verdicts,
// weeks and days.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <vector>

namespace qlfit::testing {
namespace {

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

}  // namespace
}  // namespace qlfit::testing
