// How concurrent changes on two real databases merge (docs/sync.md, "Applying operations"):
// settings that must agree, and edits of different fields of one entry.
#include "cli_harness.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qlfit::testing {
namespace {

std::string exported(const CliHarness& cli) {
  return cli.run({"export", "--format", "json"}).out;
}

// Syncs `first`, then `second`, then `first` again: both have everything after.
void sync_in_turn(CliHarness& first, CliHarness& second, const std::string& folder) {
  for (CliHarness* device : {&first, &second, &first})
    ASSERT_EQ(device->run({"sync", folder}).code, 0);
}

// Two machines in step, each with its own clock.
struct Machines {
  Machines() {
    a.run({"config", "set", "walk.max", "45"});
    sync_in_turn(a, b, folder);
  }
  CliHarness a;
  CliHarness b;
  std::string folder = a.dir.file("shared");
};

TEST(SyncMerge, TwoSettingsThatMustAgreeMergeToThePairTheLaterOneSets) {
  // walk.min 40 on one machine (under its walk.max 45), walk.max 30 on the other: each
  // valid where it was typed, together walk.min above walk.max.
  for (const bool max_later : {true, false}) {
    for (const bool a_syncs_first : {true, false}) {
      Machines m;
      m.a.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
      m.b.environment.qlfit_now =
          max_later ? "2026-11-24T13:00:00+01:00" : "2026-11-24T11:00:00+01:00";
      ASSERT_EQ(m.a.run({"config", "set", "walk.min", "40"}).code, 0);
      ASSERT_EQ(m.b.run({"config", "set", "walk.max", "30"}).code, 0);
      CliHarness& first = a_syncs_first ? m.a : m.b;
      CliHarness& second = a_syncs_first ? m.b : m.a;
      ASSERT_EQ(first.run({"sync", m.folder}).code, 0);
      const auto merged = second.run({"sync", m.folder});
      EXPECT_EQ(merged.code, 0);
      EXPECT_EQ(merged.err, max_later ? "qlfit: walk.min and walk.max disagreed once merged: "
                                        "walk.max was set later, so walk.min reads as 30 too\n"
                                      : "qlfit: walk.min and walk.max disagreed once merged: "
                                        "walk.min was set later, so walk.max reads as 40 too\n");
      EXPECT_EQ(first.run({"sync"}).code, 0);
      const std::string value = max_later ? "30\n" : "40\n";
      for (CliHarness* machine : {&m.a, &m.b}) {
        EXPECT_EQ(machine->run({"config", "get", "walk.min"}).out, value);
        EXPECT_EQ(machine->run({"config", "get", "walk.max"}).out, value);
        EXPECT_EQ(machine->run({"stats"}).code, 0);
        EXPECT_EQ(machine->run({"log", "walk", "--minutes", "5"}).code, 0);
      }
      sync_in_turn(m.a, m.b, m.folder);
      EXPECT_EQ(exported(m.a), exported(m.b)) << max_later << a_syncs_first;
      // Setting one of them again is checked against what they read as, and holds.
      EXPECT_EQ(m.b.run({"config", "set", "walk.max", "50"}).code, 0);
      EXPECT_EQ(m.b.run({"config", "get", "walk.max"}).out, "50\n");
    }
  }
}

// Set at the same moment, the device id decides: the line does not call either "later".
TEST(SyncMerge, TwoSettingsSetAtTheSameMomentAreSettledByDeviceIdAndSaySo) {
  Machines m;
  m.a.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  m.b.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  ASSERT_EQ(m.a.run({"config", "set", "walk.min", "40"}).code, 0);
  ASSERT_EQ(m.b.run({"config", "set", "walk.max", "30"}).code, 0);
  ASSERT_EQ(m.a.run({"sync", m.folder}).code, 0);
  const auto merged = m.b.run({"sync", m.folder});
  EXPECT_EQ(merged.code, 0);
  EXPECT_EQ(merged.err.find("later"), std::string::npos) << merged.err;
  const bool max_won = m.b.run({"config", "get", "walk.min"}).out == "30\n";
  EXPECT_EQ(merged.err,
            max_won ? "qlfit: walk.min and walk.max disagreed once merged: walk.max was set at "
                      "the same moment and wins by device id, so walk.min reads as 30 too\n"
                    : "qlfit: walk.min and walk.max disagreed once merged: walk.min was set at "
                      "the same moment and wins by device id, so walk.max reads as 40 too\n");
}

TEST(SyncMerge, EditsOfDifferentFieldsOfOneEntryOnTwoMachinesBothHold) {
  for (const bool pain_later : {true, false}) {
    for (const bool a_syncs_first : {true, false}) {
      Machines m;
      ASSERT_EQ(m.a.run({"log", "walk", "--minutes", "25", "--pain", "3", "--note", "x"}).code, 0);
      sync_in_turn(m.a, m.b, m.folder);
      m.a.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
      m.b.environment.qlfit_now =
          pain_later ? "2026-11-24T11:00:00+01:00" : "2026-11-24T13:00:00+01:00";
      ASSERT_EQ(m.a.run({"edit", "1", "--pain", "5"}).code, 0);
      ASSERT_EQ(m.b.run({"edit", "1", "--note", "after lunch", "--minutes", "30"}).code, 0);
      if (a_syncs_first)
        sync_in_turn(m.a, m.b, m.folder);
      else
        sync_in_turn(m.b, m.a, m.folder);
      const std::string a = exported(m.a);
      EXPECT_EQ(a, exported(m.b)) << pain_later << a_syncs_first;
      EXPECT_NE(a.find(R"("pain": 5)"), std::string::npos) << a;
      EXPECT_NE(a.find(R"("note": "after lunch")"), std::string::npos) << a;
      EXPECT_NE(a.find(R"("duration_s": 1800)"), std::string::npos) << a;
    }
  }
}

TEST(SyncMerge, TheLaterEditOfOneFieldWinsAndARemovalIsFinal) {
  Machines m;
  ASSERT_EQ(m.a.run({"log", "walk", "--minutes", "25", "--pain", "3"}).code, 0);
  sync_in_turn(m.a, m.b, m.folder);
  m.a.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  m.b.environment.qlfit_now = "2026-11-24T11:00:00+01:00";
  ASSERT_EQ(m.a.run({"edit", "1", "--pain", "5"}).code, 0);
  ASSERT_EQ(m.b.run({"edit", "1", "--pain", "7", "--note", "b"}).code, 0);
  sync_in_turn(m.b, m.a, m.folder);
  const std::string both = exported(m.a);
  EXPECT_EQ(both, exported(m.b));
  EXPECT_NE(both.find(R"("pain": 5)"), std::string::npos) << both;
  EXPECT_NE(both.find(R"("note": "b")"), std::string::npos) << both;
  // A removal on one machine, an edit made after it on the other: removed everywhere.
  m.a.environment.qlfit_now = "2026-11-24T14:00:00+01:00";
  m.b.environment.qlfit_now = "2026-11-24T15:00:00+01:00";
  ASSERT_EQ(m.a.run({"rm", "1"}).code, 0);
  ASSERT_EQ(m.b.run({"edit", "1", "--pain", "2"}).code, 0);
  sync_in_turn(m.b, m.a, m.folder);
  EXPECT_EQ(exported(m.a), exported(m.b));
  EXPECT_EQ(m.a.run({"list"}).out, m.b.run({"list"}).out);
  EXPECT_EQ(exported(m.a).find(R"("pain": 2)"), std::string::npos);
}

}  // namespace
}  // namespace qlfit::testing
