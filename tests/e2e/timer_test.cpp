#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

TEST(Timer, StartStatusStopLogsTheMeasuredTime) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T07:00:00+01:00";
  EXPECT_EQ(cli.run({"start", "walk"}).out,
            "walk timer started Tue 24 Nov 07:00; 'qlfit stop' logs it\n");
  cli.environment.qlfit_now = "2026-11-24T07:25:00+01:00";
  EXPECT_EQ(cli.run({"status"}).out.rfind("walk running since Tue 24 Nov 07:00 (25m)\n", 0), 0U);
  const auto status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_EQ(status["timer"]["activity"], "walk");
  EXPECT_EQ(status["timer"]["elapsed_s"], 1500);
  EXPECT_EQ(cli.run({"stop"}).out,
            "#1 walk Tue 24 Nov 07:00 25m — 25 of 20–30 min walked that day, 25 min this week\n");
  EXPECT_EQ(cli.run({"status"}).out.rfind("no timer running\n", 0), 0U);
  EXPECT_TRUE(nlohmann::json::parse(cli.run({"status", "--json"}).out)["timer"].is_null());
}

TEST(Timer, RefusesADoubleStartAndAStopWithNothingRunning) {
  CliHarness cli;
  expect_refused(cli.run({"stop"}), 2, "no timer is running");
  expect_refused(cli.run({"stop", "--cancel"}), 2, "no timer is running");
  cli.run({"start", "butt-walk"});
  expect_refused(cli.run({"start", "walk"}), 2, "a butt-walk timer is already running");
  expect_refused(cli.run({"start", "yoga"}), 2, "unknown activity");
}

TEST(Timer, CancelLogsNothing) {
  CliHarness cli;
  cli.run({"start", "walk"});
  EXPECT_EQ(cli.run({"stop", "--cancel"}).out,
            "cancelled the walk timer started Tue 24 Nov 07:30 (nothing logged)\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 0U);
}

TEST(Timer, MoreThanADayIsRefusedAndKept) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-22T07:00:00+01:00";
  cli.run({"start", "walk"});
  cli.environment.qlfit_now = "2026-11-24T07:00:00+01:00";
  expect_refused(cli.run({"stop"}), 2, "more than 24h");
  EXPECT_NE(cli.run({"status"}).out.find("walk running"), std::string::npos);
}

}  // namespace
}  // namespace qlfit::testing
