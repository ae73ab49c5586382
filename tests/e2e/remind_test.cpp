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

TEST(Cron, PrintRunsThisBinaryWithTheZone) {
  CliHarness cli;
  const auto out = cli.run({"cron", "--print"}).out;
  EXPECT_NE(out.find("*/30 9-16 * * 1-5 TZ=Europe/Berlin /usr/bin/qlfit --db "), std::string::npos)
      << out;  // the harness's database is under XDG_DATA_HOME, which cron does not have
  EXPECT_EQ(cli.run({"cron"}).out, out);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Cron, DefaultDatabaseNeedsNoDbAndNoTzWithoutTz) {
  CliHarness cli;
  cli.environment.xdg_data_home.reset();
  cli.environment.tz.reset();
  EXPECT_NE(cli.run({"cron", "--print"}).out.find("1-5 /usr/bin/qlfit remind --for break"),
            std::string::npos);
}

TEST(Cron, ARelativeDbBecomesAbsolute) {
  CliHarness cli;
  const auto out = cli.run({"--db", "my.db", "cron", "--print"}).out;
  EXPECT_NE(out.find("--db " + cli.dir.file("my.db") + " remind"), std::string::npos) << out;
}

TEST(Cron, InstallIsIdempotentAndUninstallKeepsForeignLines) {
  CliHarness cli;
  cli.crontab.table = "MAILTO=me@example.org\n5 4 * * * /usr/bin/backup\n";
  EXPECT_EQ(cli.run({"cron", "--install"}).out, "added qlfit's reminders to your crontab\n");
  EXPECT_EQ(cli.run({"cron", "--install"}).out, "qlfit's reminders are already in your crontab\n");
  EXPECT_EQ(cli.crontab.writes, 1);
  EXPECT_EQ(cli.crontab.table->rfind("MAILTO=me@example.org\n5 4 * * * /usr/bin/backup\n# >>>", 0),
            0U);
  EXPECT_EQ(cli.run({"cron", "--uninstall"}).out, "removed qlfit's reminders from your crontab\n");
  EXPECT_EQ(*cli.crontab.table, "MAILTO=me@example.org\n5 4 * * * /usr/bin/backup\n");
  EXPECT_EQ(cli.run({"cron", "--uninstall"}).out, "your crontab has no qlfit reminders\n");
}

TEST(Cron, AFailingCrontabIsExitThree) {
  CliHarness cli;
  cli.crontab.broken = true;
  expect_refused(cli.run({"cron", "--install"}), 3, "crontab -l failed");
  expect_refused(cli.run({"cron", "--install", "--uninstall"}), 2, "excludes");
}

}  // namespace
}  // namespace qlfit::testing
