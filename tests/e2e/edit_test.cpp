// edit and rm end to end: what changes, what is kept, what is refused.
#include "cli_harness.hpp"
#include "files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

TEST(Edit, ChangesWhatWasAskedAndKeepsNumberAndId) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "07:00", "--pain", "3", "--note", "stiff"});
  const auto before = nlohmann::json::parse(cli.run({"list", "--json"}).out)[0];
  const auto result = cli.run({"edit", "1", "--at", "06:30", "--pain", "none", "--note", ""});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out,
            "edited #1 butt-walk: start 2026-11-24T07:00:00+01:00 -> 2026-11-24T06:30:00+01:00, "
            "pain 3 -> none, note \"stiff\" -> none\n");
  const auto after = nlohmann::json::parse(cli.run({"list", "--json"}).out)[0];
  EXPECT_EQ(after["id"], before["id"]);
  EXPECT_EQ(after["n"], 1);
  EXPECT_TRUE(after["pain"].is_null());
  EXPECT_EQ(cli.run({"edit", "1", "--pain", "none"}).out, "edited #1 butt-walk: nothing changed\n");
}

TEST(Edit, ByUuidPrefixAndIntoAnotherActivity) {
  CliHarness cli;
  cli.run({"log", "butt-walk"});
  const std::string id = nlohmann::json::parse(cli.run({"list", "--json"}).out)[0]["id"];
  // A prefix with the first dash: all digits would mean the entry number, as the contract says.
  const auto result = cli.run({"edit", id.substr(0, 10), "--activity", "walk", "--for", "25m"});
  EXPECT_EQ(result.out, "edited #1 walk: activity butt-walk -> walk, length 10m -> 25m\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out)[0]["kind"], "walk");
}

TEST(Edit, RefusesUnknownIdsAndEmptyEdits) {
  CliHarness cli;
  cli.run({"log", "butt-walk"});
  expect_refused(cli.run({"edit", "9", "--pain", "1"}), 2, "no entry #9");
  expect_refused(cli.run({"edit", "ffffffff-ffff", "--pain", "1"}), 2,
                 "starting with \"ffffffff-ffff\"");
  expect_refused(cli.run({"edit", "ab", "--pain", "1"}), 2, "at least 4 hex digits");
  expect_refused(cli.run({"edit", "1"}), 2, "nothing to change");
  expect_refused(cli.run({"edit", "1", "--activity", "yoga"}), 2,
                 "unknown activity \"yoga\"; the activities are: butt-walk, walk, break");
}

TEST(Edit, IntoAnArchivedActivityIsRefusedAsLogIs) {
  CliHarness cli;
  cli.run({"activity", "add", "side-plank", "--kind", "session"});
  cli.run({"log", "side-plank"});
  cli.run({"log", "butt-walk", "--at", "07:00"});
  cli.run({"activity", "rm", "side-plank", "--archive"});
  const std::string before = cli.run({"export"}).out;
  const std::string refusal =
      "activity \"side-plank\" is archived; bring it back with 'qlfit activity add side-plank "
      "--kind session'";
  expect_refused(cli.run({"log", "side-plank"}), 2, refusal);
  expect_refused(cli.run({"edit", "2", "--activity", "side-plank"}), 2, refusal);
  EXPECT_EQ(cli.run({"export"}).out, before);
  // Its own entries can still be corrected, and moved out of it.
  EXPECT_EQ(cli.run({"edit", "1", "--pain", "2"}).code, 0);
  EXPECT_EQ(cli.run({"edit", "1", "--activity", "butt-walk"}).code, 0);
}

TEST(Edit, DigitsThatAreNoNumberButBeginAnIdSayHowToGiveThePrefix) {
  CliHarness cli;
  write(cli.dir.file("ids.csv"),
        "id,activity,kind,start,duration_s,pain,note\r\n"
        "5847a3c1-0000-4000-8000-000000000001,break,break,2026-11-23T10:00:00+01:00,120,,\r\n"
        "91234567-0000-4000-8000-000000000002,break,break,2026-11-23T11:00:00+01:00,120,,\r\n"
        "91230000-0000-4000-8000-000000000003,break,break,2026-11-23T12:00:00+01:00,120,,\r\n");
  ASSERT_EQ(cli.run({"import", cli.dir.file("ids.csv")}).code, 0);
  expect_refused(cli.run({"edit", "5847", "--pain", "1"}), 2,
                 "no entry #5847, but entry #1's id starts with 5847: all digits name an entry "
                 "number, so give a prefix that is not all digits, e.g. 5847a");
  expect_refused(cli.run({"rm", "9123"}), 2,
                 "no entry #9123, but the ids of entries #3, #2 start with 9123: all digits name "
                 "an entry number, so give a prefix that is not all digits, e.g. 91230000- for "
                 "#3, 91234567- for #2");
  EXPECT_EQ(cli.run({"edit", "5847a", "--pain", "1"}).code, 0);
  EXPECT_EQ(cli.run({"rm", "91234567-"}).code, 0);
  expect_refused(cli.run({"rm", "123"}), 2, "no entry #123; see 'qlfit list' for the numbers");
}

TEST(Rm, RemovesAllOrNone) {
  CliHarness cli;
  for (int i = 0; i < 3; ++i)
    cli.run({"log", "break", "--at", std::to_string(i + 1) + "m ago"});
  expect_refused(cli.run({"rm", "1", "7"}), 2, "no entry #7");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 3U);
  const auto result = cli.run({"rm", "1", "3", "1"});
  EXPECT_EQ(result.out,
            "removed #1 break Tue 24 Nov 07:29 (2m)\nremoved #3 break Tue 24 Nov 07:27 (2m)\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 1U);
  expect_refused(cli.run({"rm"}), 2, "ID is required");
}

}  // namespace
}  // namespace qlfit::testing
