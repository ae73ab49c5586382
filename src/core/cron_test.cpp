#include "qlfit/cron.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

const CronTarget kPlain{"/usr/bin/qlfit", std::nullopt, std::nullopt, std::nullopt};

class MemoryCrontab final : public Crontab {
 public:
  std::optional<std::string> read() override { return table; }
  void write(const std::string& new_table) override {
    table = new_table;
    ++writes;
  }
  std::optional<std::string> table;
  int writes = 0;
};

TEST(CronBlock, DefaultsRunBreaksInWorkingHoursAndChecksInTheEvening) {
  EXPECT_EQ(cron_block(Settings{}, kPlain),
            "# >>> qlfit reminders (from 'qlfit cron --install'; 'qlfit cron --uninstall' "
            "removes them)\n"
            "*/30 9-16 * * 1-5 /usr/bin/qlfit remind --for break\n"
            "0 18 * * * /usr/bin/qlfit remind --for session\n"
            "0 19 * * * /usr/bin/qlfit remind --for walk\n"
            "# <<< qlfit reminders\n");
}

TEST(CronBlock, CarriesZoneAndDatabaseQuotedForTheShellAndCron) {
  const CronTarget target{"/opt/my apps/qlfit", "/home/u/100%/q.db", "Europe/Berlin", std::nullopt};
  const std::string block = cron_block(Settings{}, target);
  EXPECT_NE(block.find("*/30 9-16 * * 1-5 TZ=Europe/Berlin '/opt/my apps/qlfit' --db "
                       "'/home/u/100\\%/q.db' remind --for break\n"),
            std::string::npos)
      << block;
}

TEST(CronBlock, CarriesTheZoneFolderWhenTzdirWasSet) {
  const CronTarget target{"/usr/bin/qlfit", std::nullopt, "My/Town", "/home/u/zones"};
  EXPECT_NE(cron_block(Settings{}, target)
                .find("0 18 * * * TZDIR=/home/u/zones TZ=My/Town /usr/bin/qlfit remind "
                      "--for session\n"),
            std::string::npos);
}

TEST(CronBlock, FollowsTheSettings) {
  Settings settings = with_setting(Settings{}, "break.hours", "08:30-16:30");
  settings = with_setting(settings, "break.days", "mon,wed,fri");
  settings = with_setting(settings, "break.every", "45m");
  settings = with_setting(settings, "remind.session_at", "17:45");
  const std::string block = cron_block(settings, kPlain);
  EXPECT_NE(block.find("*/30 8-16 * * 1,3,5 "), std::string::npos) << block;
  EXPECT_NE(block.find("45 17 * * * /usr/bin/qlfit remind --for session"), std::string::npos);
  settings = with_setting(settings, "break.every", "20m");
  EXPECT_NE(cron_block(settings, kPlain).find("*/20 8-16"), std::string::npos);
}

TEST(InstallCron, AddsOnceKeepingEveryOtherLine) {
  MemoryCrontab crontab;
  crontab.table = "MAILTO=me@example.org\n# my jobs\n5 4 * * * /usr/bin/backup\n";
  const std::string block = cron_block(Settings{}, kPlain);
  EXPECT_EQ(install_cron(crontab, block), CronChange::kAdded);
  EXPECT_EQ(*crontab.table,
            "MAILTO=me@example.org\n# my jobs\n5 4 * * * /usr/bin/backup\n" + block);
  EXPECT_EQ(install_cron(crontab, block), CronChange::kUnchanged);
  EXPECT_EQ(crontab.writes, 1);
}

TEST(InstallCron, WorksWithNoCrontabYetAndReplacesAnOlderBlock) {
  MemoryCrontab crontab;
  const std::string old_block = cron_block(Settings{}, kPlain);
  EXPECT_EQ(install_cron(crontab, old_block), CronChange::kAdded);
  crontab.table = *crontab.table + "0 1 * * * /usr/bin/later\n";
  const std::string new_block =
      cron_block(with_setting(Settings{}, "remind.walk_at", "20:00"), kPlain);
  EXPECT_EQ(install_cron(crontab, new_block), CronChange::kUpdated);
  EXPECT_EQ(*crontab.table, "0 1 * * * /usr/bin/later\n" + new_block);
}

TEST(UninstallCron, RemovesOnlyQlfitsLines) {
  MemoryCrontab crontab;
  crontab.table = "MAILTO=\n" + cron_block(Settings{}, kPlain) + "5 4 * * * /usr/bin/backup\n";
  EXPECT_EQ(uninstall_cron(crontab), CronChange::kRemoved);
  EXPECT_EQ(*crontab.table, "MAILTO=\n5 4 * * * /usr/bin/backup\n");
  EXPECT_EQ(uninstall_cron(crontab), CronChange::kAbsent);
  EXPECT_EQ(crontab.writes, 1);
  MemoryCrontab none;
  EXPECT_EQ(uninstall_cron(none), CronChange::kAbsent);
  EXPECT_EQ(none.writes, 0);
}

TEST(WithoutQlfitBlock, ABlockMissingItsEndMarkerStopsAtTheFirstForeignLine) {
  const std::string block = cron_block(Settings{}, kPlain);
  const std::string cut = block.substr(0, block.rfind("# <<<"));
  EXPECT_EQ(without_qlfit_block(cut + "5 4 * * * /usr/bin/backup\n"),
            "5 4 * * * /usr/bin/backup\n");
}

}  // namespace
}  // namespace qlfit
