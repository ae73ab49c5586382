// The sync folder as it is found, not as qlfit left it (docs/sync.md): a database restored
// from a backup behind its own folder, unreadable folders and files, symbolic links, the
// database linked into DIR.
#include "cli_harness.hpp"
#include "files.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace qlfit::testing {
namespace {

namespace fs = std::filesystem;

std::string exported(const CliHarness& cli) {
  return cli.run({"export", "--format", "json"}).out;
}

std::string device_of(const CliHarness& cli) {
  SQLite::Database db(cli.db_path());
  return db.execAndGet("SELECT value FROM sync_local WHERE key = 'device.id'").getString();
}

// Puts the database back as `backup` holds it (what a person restoring a backup does).
void restore(const CliHarness& cli, const std::string& backup) {
  for (const char* companion : {"-wal", "-shm"})
    fs::remove(cli.db_path() + companion);
  fs::copy_file(backup, cli.db_path(), fs::copy_options::overwrite_existing);
}

class RestoredBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    laptop.run({"log", "walk", "--minutes", "20"});
    ASSERT_EQ(laptop.run({"sync", folder}).code, 0);
    ASSERT_EQ(laptop.run({"backup", backup}).code, 0);
    old_device = device_of(laptop);
    // After the backup: two more changes, sent as the laptop's operations.
    laptop.run({"log", "walk", "--minutes", "31"});
    laptop.run({"config", "set", "walk.min", "25"});
    ASSERT_EQ(laptop.run({"sync"}).out, "sent 2 operations, received 0\n");
  }
  CliHarness laptop;
  CliHarness desktop;
  std::string folder = laptop.dir.file("shared");
  std::string backup = laptop.dir.file("backup.db");
  std::string old_device;
};

// Without the check, the restored database numbers its next change as one already sent
// (a different one): that change never leaves the machine, and sync says "up to date".
TEST_F(RestoredBackup, ItsNewChangesAreSentUnderANewIdAndWhatCameAfterTheBackupComesBack) {
  restore(laptop, backup);
  laptop.run({"log", "break"});
  const auto result = laptop.run({"sync"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "sent 1 operation, received 2\n");
  EXPECT_NE(result.err.find("qlfit: this database was behind its own sync folder"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("reads " + old_device + " as another device's"), std::string::npos);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
  const std::string new_device = device_of(laptop);
  EXPECT_NE(new_device, old_device);
  EXPECT_TRUE(fs::exists(folder + "/" + new_device));
  // The changes made after the backup are back, and the new one reaches the other machine.
  EXPECT_EQ(laptop.run({"config", "get", "walk.min"}).out, "25\n");
  EXPECT_NE(exported(laptop).find("\"duration_s\": 1860"), std::string::npos) << exported(laptop);
  ASSERT_EQ(desktop.run({"sync", folder}).code, 0);
  EXPECT_NE(exported(desktop).find("\"kind\": \"break\""), std::string::npos);
  ASSERT_EQ(laptop.run({"sync"}).code, 0);
  EXPECT_EQ(exported(laptop), exported(desktop));
  // Once renewed, it stays quiet: nothing new is up to date, and the old folder is never
  // written again.
  const auto again = laptop.run({"sync"});
  EXPECT_EQ(again.out, "up to date\n");
  EXPECT_EQ(again.err, "");
  const std::string status = laptop.run({"sync", "--status"}).out;
  EXPECT_NE(status.find("device " + new_device + " (this one)"), std::string::npos) << status;
  EXPECT_NE(status.find("device " + old_device + ": "), std::string::npos) << status;
}

TEST_F(RestoredBackup, AFileSomeonePutAtItsNextNumberIsReadAsAnotherDevicesNotTrusted) {
  // A database that never restored anything, but whose folder holds one more file.
  const std::string planted = folder + "/" + old_device + "/000000000004-000000000004.jsonl";
  write(
      planted,
      R"({"format":"qlfit-sync","version":1,"device":")" + old_device +
          R"(","first":4,"last":4})"
          "\n"
          R"({"seq":4,"at":1795507200000,"kind":"setting.set","target":"setting:walk.max","data":{"key":"walk.max","value":"41"}})"
          "\n");
  laptop.run({"log", "break"});
  const auto result = laptop.run({"sync"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "sent 1 operation, received 1\n");
  EXPECT_NE(result.err.find("behind its own sync folder"), std::string::npos) << result.err;
  EXPECT_EQ(laptop.run({"config", "get", "walk.max"}).out, "41\n");
  ASSERT_EQ(desktop.run({"sync", folder}).code, 0);
  EXPECT_NE(exported(desktop).find("\"kind\": \"break\""), std::string::npos);
}

// A sync killed after renaming its file and before counting it is not mistaken for that:
// the file holds exactly this database's operations.
TEST_F(RestoredBackup, AFileItWroteButDidNotCountIsItsOwn) {
  {
    SQLite::Database db(laptop.db_path(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE sync_local SET value = '1' WHERE key = 'sync.written'");
  }
  const auto result = laptop.run({"sync"});
  EXPECT_EQ(result.out, "up to date\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(device_of(laptop), old_device);
}

// Drops the capabilities that let root read what its mode forbids, for as long as it lives
// (a person's own unreadable folder is unreadable to them).
class ModesHold {
 public:
  ModesHold() {
    if (::syscall(SYS_capget, &header_, saved_) != 0)
      return;
    __user_cap_data_struct dropped[2] = {saved_[0], saved_[1]};
    dropped[0].effective &= ~((1U << CAP_DAC_OVERRIDE) | (1U << CAP_DAC_READ_SEARCH));
    ::syscall(SYS_capset, &header_, dropped);
  }
  ~ModesHold() { ::syscall(SYS_capset, &header_, saved_); }
  ModesHold(const ModesHold&) = delete;
  ModesHold& operator=(const ModesHold&) = delete;

 private:
  __user_cap_header_struct header_{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct saved_[2]{};
};

class OtherDevices : public ::testing::Test {
 protected:
  void SetUp() override {
    laptop.run({"log", "walk", "--minutes", "20"});
    desktop.run({"config", "set", "walk.min", "25"});
    phone.run({"log", "break"});
    for (CliHarness* device : {&laptop, &desktop, &phone})
      ASSERT_EQ(device->run({"sync", folder}).code, 0);
    desktop_folder = folder + "/" + device_of(desktop);
    phone_folder = folder + "/" + device_of(phone);
  }
  CliHarness laptop;
  CliHarness desktop;
  CliHarness phone;
  std::string folder = laptop.dir.file("shared");
  std::string desktop_folder;
  std::string phone_folder;
};

TEST_F(OtherDevices, AnUnreadableDeviceFolderIsNamedAndEverythingElseApplied) {
  ::chmod(desktop_folder.c_str(), 0);
  CliHarness fresh;
  {
    const ModesHold modes;
    const auto result = fresh.run({"sync", folder});
    EXPECT_EQ(result.code, 3);
    EXPECT_EQ(result.err,
              "qlfit: skipped " + desktop_folder + ": cannot be read (Permission denied)\n");
    EXPECT_NE(result.out.find("received 2"), std::string::npos) << result.out;
  }
  ::chmod(desktop_folder.c_str(), 0700);
  EXPECT_EQ(fresh.run({"sync"}).out, "sent 0 operations, received 1\n");
  EXPECT_EQ(fresh.run({"config", "get", "walk.min"}).out, "25\n");
}

TEST_F(OtherDevices, AnUnreadableFileIsNamedAndEverythingElseApplied) {
  const std::string file = desktop_folder + "/" + listing(desktop_folder).at(0);
  ::chmod(file.c_str(), 0);
  CliHarness fresh;
  {
    const ModesHold modes;
    const auto result = fresh.run({"sync", folder});
    EXPECT_EQ(result.code, 3);
    EXPECT_EQ(result.err, "qlfit: skipped " + file + ": cannot be read (Permission denied)\n");
    EXPECT_NE(result.out.find("received 2"), std::string::npos) << result.out;
  }
  ::chmod(file.c_str(), 0600);
}

TEST_F(OtherDevices, SymbolicLinksInTheFolderAreNamedNotFollowed) {
  // The phone's file moved elsewhere, a link left in its place; a whole device folder
  // that is a link.
  const std::string name = listing(phone_folder).at(0);
  const std::string outside = laptop.dir.file("outside.jsonl");
  fs::rename(phone_folder + "/" + name, outside);
  fs::create_symlink(outside, phone_folder + "/" + name);
  const std::string moved = laptop.dir.file("desktop-elsewhere");
  fs::rename(desktop_folder, moved);
  fs::create_directory_symlink(moved, desktop_folder);
  CliHarness fresh;
  const auto result = fresh.run({"sync", folder});
  EXPECT_EQ(result.code, 3);
  EXPECT_NE(result.err.find("qlfit: skipped " + phone_folder + "/" + name +
                            ": a symbolic link (not followed)\n"),
            std::string::npos)
      << result.err;
  EXPECT_NE(
      result.err.find("qlfit: skipped " + desktop_folder + ": a symbolic link (not followed)\n"),
      std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 2 (named on stderr)\n");
}

TEST_F(OtherDevices, ItsOwnFolderAsASymbolicLinkIsRefusedAndNothingWrittenThroughIt) {
  const std::string own = folder + "/" + device_of(laptop);
  const std::string elsewhere = laptop.dir.file("elsewhere");
  fs::create_directory(elsewhere);
  ::chmod(elsewhere.c_str(), 0755);
  fs::remove_all(own);
  fs::create_directory_symlink(elsewhere, own);
  laptop.run({"log", "break"});
  const std::string before = exported(laptop);
  expect_refused(laptop.run({"sync"}), 3, own + " cannot be used: it is a symbolic link");
  EXPECT_TRUE(listing(elsewhere).empty());
  EXPECT_EQ(mode_of(elsewhere), 0755U);
  EXPECT_EQ(exported(laptop), before);
}

TEST(SyncFolderHoldsTheDatabase, AHardLinkOrASymbolicLinkToItIsRefused) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  const std::string folder = cli.dir.file("shared");
  fs::create_directories(folder + "/deep");
  fs::create_hard_link(cli.db_path(), folder + "/deep/copy.db");
  expect_refused(cli.run({"sync", folder}), 2,
                 "is also in the sync folder, as " + folder + "/deep/copy.db");
  fs::remove(folder + "/deep/copy.db");
  fs::create_symlink(cli.db_path(), folder + "/qlfit.db");
  expect_refused(cli.run({"sync", folder}), 2, "as " + folder + "/qlfit.db");
  EXPECT_EQ(listing(folder).size(), 2U);  // nothing written: deep and the link
  fs::remove(folder + "/qlfit.db");
  fs::remove(folder + "/deep");
  EXPECT_EQ(cli.run({"sync", folder}).out, "sent 1 operation, received 0\n");
}

TEST(SyncWithoutADatabase, NothingToReceiveCreatesNothingAndSomethingToReceiveJoins) {
  CliHarness fresh;
  const std::string folder = fresh.dir.file("shared");
  fs::create_directories(folder);
  expect_refused(fresh.run({"sync", folder}), 3, "nothing to sync");
  EXPECT_FALSE(fresh.db_exists());
  EXPECT_TRUE(listing(folder).empty());
  const auto status = fresh.run({"sync", "--status"});
  EXPECT_EQ(status.code, 0);
  EXPECT_FALSE(fresh.db_exists());
  // A new machine joining: another's changes are there to receive.
  CliHarness laptop;
  laptop.run({"log", "walk", "--minutes", "20"});
  ASSERT_EQ(laptop.run({"sync", folder}).code, 0);
  EXPECT_EQ(fresh.run({"sync", folder}).out, "sent 0 operations, received 1\n");
  EXPECT_TRUE(fresh.db_exists());
  EXPECT_EQ(exported(fresh), exported(laptop));
}

// What a database counted as written must be in its folder: a sync into another DIR, or
// into one where its folder (or a file of it) was removed, writes it again, so a machine
// joining there gets the whole history, not "up to date" and nothing.
TEST(SyncFolderMoved, ANewOrEmptiedFolderGetsTheWholeHistoryAgain) {
  CliHarness laptop;
  laptop.run({"log", "walk", "--minutes", "20"});
  laptop.run({"log", "break"});
  const std::string first = laptop.dir.file("first");
  const std::string second = laptop.dir.file("second");
  ASSERT_EQ(laptop.run({"sync", first}).out, "sent 2 operations, received 0\n");
  EXPECT_EQ(laptop.run({"sync", second}).out, "sent 2 operations, received 0\n");
  CliHarness desktop;
  EXPECT_EQ(desktop.run({"sync", second}).out, "sent 0 operations, received 2\n");
  EXPECT_EQ(exported(desktop), exported(laptop));
  // Its folder removed by hand: written again, and nothing else happens.
  fs::remove_all(second + "/" + device_of(laptop));
  EXPECT_EQ(laptop.run({"sync", second}).out, "sent 2 operations, received 0\n");
  EXPECT_EQ(laptop.run({"sync", second}).out, "up to date\n");
  CliHarness third;
  EXPECT_EQ(third.run({"sync", second}).out, "sent 0 operations, received 2\n");
  EXPECT_EQ(exported(third), exported(laptop));
  EXPECT_EQ(desktop.run({"sync", second}).out, "up to date\n");
}

// A DIR whose parent is missing is a typo or a drive not mounted: refused, naming DIR, and
// nothing is written (no folder, no database change); only DIR itself is ever made.
TEST(SyncFolderMissing, AMissingParentIsRefusedAndOnlyTheLastFolderIsEverMade) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  const std::string before = contents(cli.db_path());
  const std::string typo = cli.dir.file("media/usb-drive/qlfit");
  expect_refused(cli.run({"sync", typo}), 3, "sync folder " + typo + " cannot be used");
  EXPECT_FALSE(fs::exists(cli.dir.file("media")));
  EXPECT_EQ(contents(cli.db_path()), before);
  expect_refused(cli.run({"config", "get", "sync.dir"}), 2, "sync.dir is not set yet");
  EXPECT_NE(cli.run({"sync", "--status"}).out.find("this device (its id is made on the first"),
            std::string::npos);
  CliHarness fresh;
  expect_refused(fresh.run({"sync", typo}), 3, typo);
  EXPECT_FALSE(fresh.db_exists());
  const std::string folder = cli.dir.file("shared");
  EXPECT_EQ(cli.run({"sync", folder}).out, "sent 1 operation, received 0\n");
  EXPECT_TRUE(fs::is_directory(folder));
  // Typed with a slash at the end, a new folder in one that exists is made all the same.
  const std::string slashed = cli.dir.file("other") + "//";
  EXPECT_EQ(cli.run({"sync", slashed}).out, "sent 1 operation, received 0\n");
  EXPECT_TRUE(fs::is_directory(cli.dir.file("other")));
}

TEST(SyncStatus, TakesNoFolderAndNoGit) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  const std::string folder = cli.dir.file("shared");
  expect_refused(cli.run({"sync", folder, "--status"}), 2, "sync --status");
  expect_refused(cli.run({"sync", "--status", "--git"}), 2, "takes no --git");
  EXPECT_FALSE(fs::exists(folder));
  const std::string status = cli.run({"sync", "--status"}).out;
  EXPECT_NE(status.find("this device (its id is made on the first sync): last change "),
            std::string::npos)
      << status;
  EXPECT_NE(status.find(", 1 operation\n"), std::string::npos) << status;
  EXPECT_NE(status.find("not yet written: 1 operation (the first sync"), std::string::npos);
}

}  // namespace
}  // namespace qlfit::testing
