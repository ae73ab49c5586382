// list end to end: JSON fields, filters, limits, notes defused, a missing file left missing.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

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

}  // namespace
}  // namespace qlfit::testing
