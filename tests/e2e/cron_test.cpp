#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

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

TEST(Cron, WithoutHomeAGivenDbIsNamedInTheLines) {
  // No HOME: there is no default database to leave out, so the --db given is carried,
  // not refused with advice to give --db.
  CliHarness cli;
  cli.environment.home.reset();
  cli.environment.xdg_data_home.reset();
  const std::string db = cli.dir.file("my.db");
  for (const std::string command : {"cron", "watch"}) {
    const auto printed = cli.run({"--db", db, command, "--print"});
    EXPECT_EQ(printed.code, 0) << command << ": " << printed.err;
    EXPECT_NE(printed.out.find("/usr/bin/qlfit --db " + db + " "), std::string::npos)
        << printed.out;
  }
  expect_refused(cli.run({"cron", "--print"}), 3, "HOME is not set");
}

TEST(Cron, APathWithALineBreakIsRefusedNotSplitIntoLines) {
  // A crontab line or a unit's ExecStart cannot carry a line break: written as it is, the
  // rest of the path would become a line (a cron job, a unit directive) of its own.
  CliHarness cli;
  const std::string db = cli.dir.file("x\nExecStartPre=/bin/true");
  for (const std::string command : {"cron", "watch"}) {
    expect_refused(cli.run({"--db", db, command, "--print"}), 2, "line break");
    expect_refused(cli.run({"--db", cli.dir.file("tab\there"), command, "--print"}), 2, "\\x09");
  }
  EXPECT_EQ(cli.crontab.writes, 0);
  expect_refused(cli.run({"--db", db, "cron", "--install"}), 2, "line break");
  EXPECT_EQ(cli.crontab.writes, 0);
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
