// Two and three real databases syncing through a folder (docs/sync.md).
#include "cli_harness.hpp"
#include "files.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

namespace qlfit::testing {
namespace {

namespace fs = std::filesystem;

std::string exported(const CliHarness& cli) {
  return cli.run({"export", "--format", "json"}).out;
}

// Every file under `folder` and its bytes.
std::map<std::string, std::string> files_under(const std::string& folder) {
  std::map<std::string, std::string> all;
  for (const auto& item : fs::recursive_directory_iterator(folder)) {
    if (item.is_regular_file())
      all[item.path().string()] = contents(item.path().string());
  }
  return all;
}

// Syncs each in turn, twice round: after that, all have everything.
void sync_all(std::vector<CliHarness*> devices, const std::string& folder) {
  for (int round = 0; round < 2; ++round) {
    for (CliHarness* device : devices)
      ASSERT_EQ(device->run({"sync", folder}).code, 0);
  }
}

TEST(Sync, TwoMachinesEndWithTheSameDataAndASecondSyncIsUpToDate) {
  CliHarness laptop;
  CliHarness desktop;
  const std::string folder = laptop.dir.file("Sync/qlfit");
  fs::create_directory(laptop.dir.file("Sync"));  // the folder Syncthing keeps: DIR is made in it
  laptop.run({"log", "walk", "--minutes", "25", "--pain", "3", "--note", "after lunch"});
  laptop.run({"config", "set", "walk.min", "25"});
  laptop.run({"activity", "add", "yoga", "--kind", "session", "--description", "mat"});
  desktop.run({"log", "break"});
  desktop.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03", "--note", "trip"});
  desktop.run({"activity", "add", "plank", "--kind", "session"});
  const auto first = laptop.run({"sync", folder});
  EXPECT_EQ(first.code, 0);
  EXPECT_EQ(first.out, "sent 3 operations, received 0\n");
  EXPECT_EQ(desktop.run({"sync", folder}).out, "sent 3 operations, received 3\n");
  EXPECT_EQ(laptop.run({"sync"}).out, "sent 0 operations, received 3\n");
  EXPECT_EQ(exported(laptop), exported(desktop));
  EXPECT_NE(exported(laptop).find("after lunch"), std::string::npos);
  EXPECT_NE(exported(laptop).find("trip"), std::string::npos);

  // Nothing new: nothing written, not a byte of any file changed.
  const auto before = files_under(folder);
  const std::string database = contents(desktop.db_path());
  EXPECT_EQ(desktop.run({"sync"}).out, "up to date\n");
  EXPECT_EQ(laptop.run({"sync"}).out, "up to date\n");
  EXPECT_EQ(files_under(folder), before);
  EXPECT_EQ(contents(desktop.db_path()), database);
  // New changes go to new files: the old ones stay as they were.
  laptop.run({"edit", "1", "--pain", "2"});
  EXPECT_EQ(laptop.run({"sync"}).out, "sent 1 operation, received 0\n");
  for (const auto& [path, bytes] : before)
    EXPECT_EQ(contents(path), bytes) << path;
  EXPECT_EQ(files_under(folder).size(), before.size() + 1);
}

TEST(Sync, TheFirstSyncOfADatabaseOlderThanTheLogSendsItsWholeHistory) {
  CliHarness laptop;
  CliHarness desktop;
  const std::string folder = laptop.dir.file("shared");
  laptop.run({"log", "walk", "--minutes", "25", "--note", "a"});
  laptop.run({"log", "break"});
  laptop.run({"log", "butt-walk", "--pain", "2"});
  laptop.run({"config", "set", "walk.min", "25"});
  laptop.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03"});
  laptop.run({"activity", "add", "yoga", "--kind", "session"});
  {
    // As the migration leaves a database written before the operation log.
    SQLite::Database db(laptop.db_path(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM op; DELETE FROM sync_local");
  }
  EXPECT_EQ(laptop.run({"sync", folder}).out, "sent 6 operations, received 0\n");
  EXPECT_EQ(desktop.run({"sync", folder}).out, "sent 0 operations, received 6\n");
  EXPECT_EQ(exported(laptop), exported(desktop));
  expect_refused(laptop.run({"undo"}), 2, "nothing to undo");  // the history is no change
  EXPECT_EQ(laptop.run({"sync"}).out, "up to date\n");
}

TEST(Sync, StatusListsTheDevicesAndWhatIsNotYetWritten) {
  CliHarness laptop;
  CliHarness desktop;
  const std::string folder = laptop.dir.file("shared");
  laptop.run({"log", "walk", "--minutes", "25"});
  const std::string before = laptop.run({"sync", "--status"}).out;
  EXPECT_NE(before.find("sync folder: none yet"), std::string::npos) << before;
  EXPECT_NE(before.find("not yet written: 1 operation (the first sync writes the whole history)"),
            std::string::npos)
      << before;
  expect_refused(laptop.run({"sync"}), 2, "sync needs a folder the first time");
  laptop.run({"sync", folder});
  desktop.run({"log", "break"});
  desktop.run({"config", "set", "walk.min", "25"});
  desktop.run({"sync", folder});
  laptop.run({"sync"});
  laptop.run({"log", "break"});
  const std::string status = laptop.run({"sync", "--status"}).out;
  EXPECT_EQ(status.rfind("sync folder: " + folder + "\n", 0), 0U) << status;
  EXPECT_NE(status.find(" (this one): last change "), std::string::npos) << status;
  EXPECT_NE(status.find(", 2 operations\n"), std::string::npos) << status;  // the desktop's
  EXPECT_NE(status.find("not yet written: 1 operation\n"), std::string::npos) << status;
  std::size_t devices = 0;
  for (std::size_t at = status.find("device "); at != std::string::npos;
       at = status.find("device ", at + 1))
    ++devices;
  EXPECT_EQ(devices, 2U) << status;
}

// Which change is later follows the clock the commands ran at (QLFIT_NOW in scripts and
// tests), not the order they happened to run in.
TEST(Sync, TheLaterChangeIsTheOneMadeLaterOnItsClock) {
  CliHarness desktop;
  CliHarness laptop;
  const std::string folder = desktop.dir.file("shared");
  desktop.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  ASSERT_EQ(desktop.run({"config", "set", "walk.max", "40"}).code, 0);
  laptop.environment.qlfit_now = "2026-11-24T11:00:00+01:00";  // run after, made before
  ASSERT_EQ(laptop.run({"config", "set", "walk.max", "35"}).code, 0);
  for (CliHarness* machine : {&desktop, &laptop, &desktop})
    ASSERT_EQ(machine->run({"sync", folder}).code, 0);
  EXPECT_EQ(desktop.run({"config", "get", "walk.max"}).out, "40\n");
  EXPECT_EQ(laptop.run({"config", "get", "walk.max"}).out, "40\n");
}

TEST(Sync, AFolderThatHoldsTheDatabaseOrIsAFileIsRefusedCreatingNothing) {
  CliHarness cli;
  const std::string file = cli.dir.file("a-file");
  write(file, "x");
  expect_refused(cli.run({"sync", file}), 3, "is not a folder");
  EXPECT_FALSE(std::filesystem::exists(cli.db_path()));  // nothing was created
  cli.run({"log", "walk", "--minutes", "20"});
  const std::string folder = std::filesystem::path(cli.db_path()).parent_path().string();
  expect_refused(cli.run({"sync", folder}), 2, "is inside the sync folder");
  expect_refused(cli.run({"sync", cli.dir.file("")}), 2, "is inside the sync folder");
  EXPECT_EQ(cli.run({"sync", cli.dir.file("elsewhere")}).out, "sent 1 operation, received 0\n");
}

TEST(Sync, FilesAre0600InA0700FolderAndNameNothingPrivate) {
  CliHarness cli;
  const std::string folder = cli.dir.file("shared");
  cli.run({"log", "walk", "--minutes", "25", "--note", "secret-word"});
  ASSERT_EQ(cli.run({"sync", folder}).code, 0);
  int files = 0;
  for (const auto& device : fs::directory_iterator(folder)) {
    EXPECT_EQ(mode_of(device.path().string()), 0700U);
    for (const auto& file : fs::directory_iterator(device.path())) {
      ++files;
      EXPECT_EQ(mode_of(file.path().string()), 0600U);
      EXPECT_EQ(file.path().string().find("secret"), std::string::npos);
      const std::string header = contents(file.path().string()).substr(0, 40);
      EXPECT_EQ(header.rfind(R"({"format":"qlfit-sync","version":2,)", 0), 0U) << header;
    }
  }
  EXPECT_EQ(files, 1);
}

TEST(Sync, ConcurrentChangesConvergeWhicheverOrderTheyArriveIn) {
  // Each pair: the first machine's change, the second's, made apart from a shared start.
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> pairs{
      {{"edit", "1", "--pain", "5"}, {"edit", "1", "--pain", "7"}},
      {{"edit", "1", "--pain", "5"}, {"edit", "1", "--note", "mine"}},
      {{"edit", "1", "--pain", "5"}, {"rm", "1"}},
      {{"rm", "1"}, {"edit", "1", "--pain", "5"}},
      {{"config", "set", "walk.min", "40"}, {"config", "unset", "walk.min"}},
      {{"config", "unset", "walk.min"}, {"config", "set", "walk.min", "40"}},
      {{"pause", "--from", "2026-12-10", "--to", "2026-12-11"}, {"pause", "rm", "1"}},
      {{"pause", "rm", "1"}, {"pause", "rm", "1"}},
      {{"activity", "add", "stretch", "--kind", "break"}, {"activity", "rm", "yoga"}},
      {{"activity", "rm", "yoga"}, {"activity", "rm", "yoga", "--archive"}},
      {{"activity", "rm", "yoga"}, {"log", "yoga"}},
  };
  for (const auto& [first, second] : pairs) {
    for (const bool first_syncs_first : {true, false}) {
      CliHarness a;
      CliHarness b;
      CliHarness c;
      const std::string folder = a.dir.file("shared");
      a.run({"log", "walk", "--minutes", "25", "--pain", "3"});
      a.run({"config", "set", "walk.min", "25"});
      a.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03"});
      a.run({"activity", "add", "yoga", "--kind", "session"});
      sync_all({&a, &b}, folder);
      ASSERT_EQ(exported(a), exported(b));
      a.run(first);
      b.run(second);
      if (first_syncs_first) {
        sync_all({&a, &b, &c}, folder);
      } else {
        sync_all({&b, &a, &c}, folder);
      }
      EXPECT_EQ(exported(a), exported(b)) << first.at(0) << " / " << second.at(0);
      EXPECT_EQ(exported(a), exported(c)) << first.at(0) << " / " << second.at(0);
      EXPECT_EQ(a.run({"activity", "list", "--all"}).out, b.run({"activity", "list", "--all"}).out);
    }
  }
}

TEST(Sync, RandomChangesOnTwoAndThreeMachinesConverge) {
  std::mt19937 random(17);
  for (const std::size_t machines : {std::size_t{2}, std::size_t{3}}) {
    std::vector<std::unique_ptr<CliHarness>> devices;
    std::vector<CliHarness*> all;
    for (std::size_t i = 0; i < machines; ++i) {
      devices.push_back(std::make_unique<CliHarness>());
      all.push_back(devices.back().get());
    }
    const std::string folder = devices.front()->dir.file("shared");
    const auto pick = [&](int n) { return std::to_string(random() % static_cast<unsigned>(n)); };
    int changes = 0;  // commands that changed something (a random rm may name no entry)
    for (int step = 0; step < 60; ++step) {
      CliHarness& device = *all[random() % machines];
      const std::string before = exported(device);
      switch (random() % 9) {
        case 0:
          device.run({"log", "walk", "--minutes", std::to_string(20 + random() % 9)});
          break;
        case 1:
          device.run({"edit", pick(8), "--pain", pick(11)});
          break;
        case 2:
          device.run({"rm", pick(8)});
          break;
        case 3:
          device.run({"config", "set", "walk.min", std::to_string(15 + random() % 9)});
          break;
        case 4:
          device.run({"config", "unset", "walk.min"});
          break;
        case 5:
          device.run({"pause", "--from", "2026-12-0" + std::to_string(1 + random() % 4), "--to",
                      "2026-12-06"});
          break;
        case 6:
          device.run({"pause", "rm", pick(4)});
          break;
        case 7:
          device.run({"undo"});
          break;
        default:
          device.run({"sync", folder});
          break;
      }
      changes += exported(device) != before ? 1 : 0;
    }
    EXPECT_GT(changes, 20);
    sync_all(all, folder);
    for (CliHarness* device : all)
      EXPECT_EQ(exported(*device), exported(*all.front())) << machines << " machines";
  }
}

// Two machines; the first has logged a walk and synced it into `folder`.
class TwoMachines : public ::testing::Test {
 protected:
  void SetUp() override {
    a.run({"log", "walk", "--minutes", "25"});
    ASSERT_EQ(a.run({"sync", folder}).code, 0);
  }
  CliHarness a;
  CliHarness b;
  std::string folder = a.dir.file("shared");
};

TEST_F(TwoMachines, ADamagedFileAndANewerOneAreNamedAndSkippedTheRestApplied) {
  const std::string other = folder + "/0badc0de-0000-4000-8000-000000000000";
  fs::create_directories(other);
  write(other + "/000000000001-000000000001.jsonl", "{\"format\":\"qlfit-sync\",\"vers");
  write(other + "/000000000002-000000000002.jsonl",
        R"({"format":"qlfit-sync","version":3,"device":"x","first":2,"last":2})"
        "\n");
  write(other + "/notes.txt", "hello");
  const auto result = b.run({"sync", folder});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 3 (named on stderr)\n");
  EXPECT_NE(result.err.find("000000000001-000000000001.jsonl: damaged"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("000000000002-000000000002.jsonl: written by a newer qlfit"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("notes.txt: not a qlfit sync file"), std::string::npos);
  EXPECT_EQ(exported(a), exported(b));
}

// The folders in `folder` that are device folders (36 characters), sorted.
std::vector<std::string> device_folders(const std::string& folder) {
  std::vector<std::string> found;
  for (const auto& item : fs::directory_iterator(folder)) {
    if (item.is_directory() && item.path().filename().string().size() == 36)
      found.push_back(item.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

// What legitimately sits beside qlfit's files is passed over by rule (docs/sync.md): hidden
// names (.git, Syncthing's .stfolder, .stversions, .syncthing.*.tmp), "~" files, a README.
// Anything else where qlfit's files go is named on stderr and skipped, exit 3.
TEST_F(TwoMachines, EveryOtherFileInTheFolderIsNamedOnlyHiddenOnesAndAReadmeArePassedOver) {
  const std::string from_a = device_folders(folder).at(0);
  fs::create_directories(folder + "/.git/objects");
  write(folder + "/.git/HEAD", "ref: refs/heads/main\n");
  fs::create_directories(folder + "/.stfolder");
  fs::create_directories(folder + "/.stversions/" + fs::path(from_a).filename().string());
  write(folder + "/.stversions/" + fs::path(from_a).filename().string() + "/x.jsonl", "old");
  write(folder + "/.syncthing.000000000002-000000000002.jsonl.tmp", "half");
  write(from_a + "/.syncthing.000000000002-000000000002.jsonl.tmp", "half");
  write(from_a + "/~000000000002-000000000002.jsonl", "a cloud drive's partial copy");
  write(folder + "/README.md", "qlfit's sync folder\n");
  const auto clean = b.run({"sync", folder});
  EXPECT_EQ(clean.code, 0) << clean.err;
  EXPECT_EQ(clean.err, "");
  EXPECT_EQ(clean.out, "sent 0 operations, received 1\n");

  const std::string from_b = device_folders(folder).at(device_folders(folder).at(0) == from_a);
  a.run({"log", "break"});
  ASSERT_EQ(a.run({"sync"}).code, 0);
  const std::vector<std::pair<std::string, bool>> made{
      // {path, a folder}
      {folder + "/notes.txt", false},
      {folder + "/photos", true},
      {folder + "/000000000002-000000000002.jsonl", false},  // a device's file, out of place
      {folder + "/0BADC0DE-0000-4000-8000-000000000000", true},
      {from_a + "/000000000002-000000000002.sync-conflict-20261124-101010-ABCDEFG.jsonl", false},
      {from_a + "/copies", true},
      {from_b + "/notes.txt", false},  // in this device's own folder too
  };
  std::vector<std::string> foreign;
  for (const auto& [path, is_folder] : made) {
    if (is_folder)
      fs::create_directories(path);
    else
      write(path, "not qlfit's");
    foreign.push_back(path);
  }
  const auto result = b.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 7 (named on stderr)\n");
  for (const std::string& path : foreign)
    EXPECT_NE(result.err.find("qlfit: skipped " + path + ": not a qlfit"), std::string::npos)
        << path << "\n"
        << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'),
            static_cast<std::ptrdiff_t>(foreign.size()))
      << result.err;
  EXPECT_EQ(exported(a), exported(b));
}

}  // namespace
}  // namespace qlfit::testing
