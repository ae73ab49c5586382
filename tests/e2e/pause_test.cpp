#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

TEST(Pause, AddListRemove) {
  CliHarness cli;
  EXPECT_EQ(
      cli.run({"pause", "--from", "2026-12-01", "--to", "2026-12-14", "--note", "physio"}).out,
      "paused #1 2026-12-01..2026-12-14 physio\n");
  EXPECT_EQ(cli.run({"pause", "list"}).out, "#1 2026-12-01..2026-12-14 physio\n");
  EXPECT_EQ(cli.run({"pause", "rm", "1"}).out, "removed #1 2026-12-01..2026-12-14 physio\n");
  EXPECT_EQ(cli.run({"pause", "list"}).out, "no pauses\n");
}

TEST(Pause, RefusesBadRequests) {
  CliHarness cli;
  expect_refused(cli.run({"pause", "--from", "2026-12-01"}), 2, "--from and --to");
  expect_refused(cli.run({"pause", "--from", "2026-12-14", "--to", "2026-12-01"}), 2,
                 "before it starts");
  expect_refused(cli.run({"pause", "rm", "7"}), 2, "no pause #7");
  expect_refused(cli.run({"pause", "rm", "x"}), 2, "its number from 'qlfit pause list'");
  EXPECT_FALSE(cli.db_exists());
}

}  // namespace
}  // namespace qlfit::testing
