#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

TEST(Remind, SilentWhenNothingIsDueAndCreatesNothing) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T09:20:00+01:00";
  const auto result = cli.run({"remind", "--for", "break"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out.size(), 0U);
  EXPECT_EQ(result.err.size(), 0U);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Remind, OneLinePerDueKind) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T10:00:00+01:00";
  EXPECT_EQ(cli.run({"remind"}).out,
            "Time to stand up and move: you have sat 1h (since 09:00). Log it with 'qlfit "
            "log break'.\n0 of 20 minutes walked today: time for a walk.\n");
  cli.run({"log", "break", "--at", "09:50"});
  EXPECT_EQ(cli.run({"remind", "--for", "break"}).out, "");
}

TEST(Remind, WaitsWhileAnAwayPeriodIsOpen) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T10:00:00+01:00";
  cli.run({"away", "begin", "--at", "09:58"});
  const auto away = cli.run({"remind"});
  EXPECT_EQ(away.code, 0);
  EXPECT_EQ(away.out, "");
  EXPECT_EQ(away.err, "");
  cli.run({"away", "end", "--at", "09:59"});  // one minute: no break
  EXPECT_EQ(cli.run({"remind", "--for", "break"}).out.rfind("Time to stand up", 0), 0U);
  cli.run({"away", "begin", "--at", "09:30"});
  cli.run({"away", "end"});  // half an hour: a break, so only the walk is due
  EXPECT_EQ(cli.run({"remind"}).out, "0 of 20 minutes walked today: time for a walk.\n");
}

TEST(Remind, NeverShowsNotesOrPain) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T16:00:00+01:00";
  cli.run({"log", "walk", "--minutes", "5", "--at", "08:00", "--pain", "9", "--note", "SECRET"});
  const auto out = cli.run({"remind"}).out;
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(out.find("SECRET"), std::string::npos);
  EXPECT_EQ(out.find("pain"), std::string::npos);
}

TEST(Remind, NotifyRaisesANotificationInsteadOfPrinting) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T10:00:00+01:00";
  const auto result = cli.run({"remind", "--for", "break", "--notify"});
  EXPECT_EQ(result.out, "");
  ASSERT_EQ(cli.notifier.shown.size(), 1U);
  EXPECT_EQ(cli.notifier.shown[0].rfind("Time to stand up", 0), 0U);
}

TEST(Remind, NotifyFallsBackToStdoutWithoutANotifier) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T10:00:00+01:00";
  cli.notifier.available = false;
  EXPECT_EQ(cli.run({"remind", "--for", "break", "--notify"}).out.rfind("Time to stand up", 0), 0U);
}

TEST(Remind, ARunningTimerIsMovingAndAPausedDayIsQuiet) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T11:00:00+01:00";
  cli.run({"start", "walk"});
  EXPECT_EQ(cli.run({"remind", "--for", "break"}).out, "");
  cli.run({"stop", "--cancel"});
  EXPECT_NE(cli.run({"remind", "--for", "break"}).out, "");
  cli.run({"pause", "--from", "today", "--to", "today"});
  EXPECT_EQ(cli.run({"remind"}).out, "");
}

TEST(Remind, FollowsWorkingHoursFromConfig) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin, a working day
  cli.environment.qlfit_now = "2026-11-24T08:00:00+01:00";
  EXPECT_EQ(cli.run({"remind", "--for", "break"}).out, "");
  cli.run({"config", "set", "break.hours", "07:00-15:00"});
  EXPECT_NE(cli.run({"remind", "--for", "break"}).out, "");
}

TEST(Remind, RefusesAnUnknownKind) {
  CliHarness cli;
  expect_refused(cli.run({"remind", "--for", "nap"}), 2, "--for must be break, session or walk");
}

}  // namespace
}  // namespace qlfit::testing
