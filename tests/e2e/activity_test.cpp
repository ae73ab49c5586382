// activity end to end: added activities count, removing needs archive, bad names refused.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

TEST(Activity, AddedSessionsCountTowardTheWeeklyTarget) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"activity", "add", "side-plank", "--kind", "session", "--description",
                     "30 s each side"})
                .out,
            "added side-plank (session)\n");
  cli.run({"log", "butt-walk", "--at", "mon 08:00"});
  EXPECT_EQ(cli.run({"log", "side-plank"}).out,
            "#2 side-plank Tue 24 Nov 07:30 — 2 of 3–4 sessions this week\n");
  EXPECT_NE(cli.run({"activity", "list"}).out.find("side-plank       session  30 s each side"),
            std::string::npos);
  EXPECT_EQ(cli.run({"activity", "list", "--names"}).out, "butt-walk\nwalk\nbreak\nside-plank\n");
}

TEST(Activity, RemovingOneWithEntriesNeedsArchive) {
  CliHarness cli;
  cli.run({"activity", "add", "stairs", "--kind", "walk"});
  cli.run({"log", "stairs", "--minutes", "5"});
  expect_refused(cli.run({"activity", "rm", "stairs"}), 2, "has 1 entries");
  EXPECT_EQ(cli.run({"activity", "rm", "stairs", "--archive"}).out, "archived stairs\n");
  EXPECT_EQ(cli.run({"activity", "list"}).out.find("stairs"), std::string::npos);
  EXPECT_NE(cli.run({"activity", "list", "--all"}).out.find("(archived)"), std::string::npos);
  expect_refused(cli.run({"log", "stairs", "--minutes", "5"}), 2, "is archived");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"stats", "--json"}).out)["walk"]["minutes"], 5);
  EXPECT_EQ(cli.run({"activity", "add", "stairs", "--kind", "walk"}).code, 0);  // back again
  EXPECT_EQ(cli.run({"log", "stairs", "--minutes", "5"}).code, 0);
  cli.run({"activity", "add", "nap", "--kind", "break"});
  EXPECT_EQ(cli.run({"activity", "rm", "nap"}).out, "removed nap\n");
}

TEST(Activity, RefusesBadNamesKindsDuplicatesAndBuiltIns) {
  CliHarness cli;
  expect_refused(cli.run({"activity", "add", "Side Plank", "--kind", "session"}), 2,
                 "lower-case letters");
  expect_refused(cli.run({"activity", "add", "yoga", "--kind", "stretch"}), 2,
                 "--kind must be session, walk or break");
  expect_refused(cli.run({"activity", "add", "walk", "--kind", "walk"}), 2, "already an activity");
  expect_refused(cli.run({"activity", "rm", "break"}), 2, "built in");
  expect_refused(cli.run({"activity", "rm", "nope"}), 2, "no activity \"nope\"");
  expect_refused(cli.run({"activity", "add", "yoga"}), 2, "--kind is required");
  EXPECT_FALSE(cli.db_exists());
}

}  // namespace
}  // namespace qlfit::testing
