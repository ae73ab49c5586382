// `undo` steps back through every kind of change made on this machine (docs/cli.md).
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace qlfit::testing {
namespace {

// Everything a person can see of the data: the export (entry ids aside: a removed entry
// comes back with a new one), the list with its numbers, activities (archived too), pauses.
std::string seen(const CliHarness& cli) {
  // Orders that follow ids or the order rows were added are left out too: sorted.
  auto exported = nlohmann::json::parse(cli.run({"export", "--format", "json"}).out);
  std::vector<std::string> parts;
  for (auto& entry : exported.at("entries")) {
    entry.erase("id");
    parts.push_back(entry.dump());
  }
  exported.erase("entries");
  const std::string activities = cli.run({"activity", "list", "--all"}).out;
  for (std::size_t at = 0, end = 0; at < activities.size(); at = end + 1) {
    end = activities.find('\n', at);
    parts.push_back(activities.substr(at, end - at));
  }
  std::sort(parts.begin(), parts.end());
  std::string all = exported.dump() + cli.run({"list"}).out + cli.run({"pause", "list"}).out;
  for (const std::string& part : parts)
    all += part + '\n';
  return all;
}

// Makes `change`, which must change what is seen, then undoes it: all is as before, and
// undo's line starts with `said`.
void undo_restores(CliHarness& cli, const std::vector<std::string>& change,
                   const std::string& said) {
  const std::string before = seen(cli);
  ASSERT_EQ(cli.run(change).code, 0) << change.at(0);
  ASSERT_NE(seen(cli), before) << change.at(0);
  const auto undone = cli.run({"undo"});
  EXPECT_EQ(undone.code, 0) << undone.err;
  EXPECT_EQ(undone.out.rfind(said, 0), 0U) << undone.out;
  EXPECT_EQ(seen(cli), before) << change.at(0);
}

TEST(UndoAnyChange, EveryKindOfChangeIsRevertedAndNamed) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25", "--pain", "4", "--note", "private words"});
  cli.run({"log", "butt-walk"});
  cli.run({"config", "set", "walk.min", "25"});
  cli.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03"});
  cli.run({"activity", "add", "yoga", "--kind", "session"});
  cli.run({"activity", "add", "plank", "--kind", "session"});
  cli.run({"log", "plank"});
  undo_restores(cli, {"log", "break"}, "undid log of #4 break Tue 24 Nov 07:30");
  undo_restores(cli, {"edit", "1", "--pain", "2"}, "undid edit of #1: pain 4 -> 2");
  // A note's text is private, but the line never ends in a bare "note": it says what became of it.
  undo_restores(cli, {"edit", "1", "--note", "other words"},
                "undid edit of #1: note back as it was\n");
  undo_restores(cli, {"rm", "1"}, "undid rm of #1 walk Tue 24 Nov 07:30 (25m)");
  undo_restores(cli, {"rm", "1", "2"}, "undid rm of 2 changes");
  undo_restores(cli, {"config", "set", "walk.min", "30"}, "undid config set walk.min");
  undo_restores(cli, {"config", "unset", "walk.min"}, "undid config unset walk.min");
  undo_restores(cli, {"pause", "--from", "2026-12-10", "--to", "2026-12-12"},
                "undid pause add 2026-12-10 to 2026-12-12");
  undo_restores(cli, {"pause", "rm", "1"}, "undid pause rm 2026-12-01 to 2026-12-03");
  undo_restores(cli, {"activity", "add", "stretch", "--kind", "break"},
                "undid activity add stretch");
  undo_restores(cli, {"activity", "rm", "yoga"}, "undid activity rm yoga");
  undo_restores(cli, {"activity", "rm", "plank", "--archive"}, "undid activity archive plank");
  ASSERT_EQ(cli.run({"start", "walk"}).code, 0);
  cli.environment.qlfit_now = "2026-11-24T08:00:00+01:00";
  undo_restores(cli, {"stop"}, "undid stop of #5 walk Tue 24 Nov 07:30 (30m)");
  cli.run({"export", "--format", "json", "--output", cli.dir.file("all.json")});
  cli.environment.xdg_data_home = cli.dir.file("other");
  undo_restores(cli, {"import", cli.dir.file("all.json")}, "undid import of ");
}

TEST(UndoAnyChange, AnUndoIsNotUndoneAndNothingLeftIsExitTwo) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25"});
  cli.run({"log", "break"});
  EXPECT_EQ(cli.run({"undo"}).out, "undid log of #2 break Tue 24 Nov 07:30 (2m)\n");
  EXPECT_EQ(cli.run({"undo"}).out, "undid log of #1 walk Tue 24 Nov 07:30 (25m)\n");
  expect_refused(cli.run({"undo"}), 2, "nothing to undo");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 0U);
}

TEST(UndoAnyChange, AnUndoneChangeIsRedoneByHand) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--pain", "4"});
  cli.run({"edit", "1", "--pain", "2"});
  EXPECT_EQ(cli.run({"undo"}).out, "undid edit of #1: pain 4 -> 2\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).at(0).at("pain"), 4);
  cli.run({"edit", "1", "--pain", "2"});  // redone by hand: a change of its own
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).at(0).at("pain"), 2);
  EXPECT_EQ(cli.run({"undo"}).out, "undid edit of #1: pain 4 -> 2\n");
  EXPECT_EQ(cli.run({"undo"}).out.rfind("undid log of #1 butt-walk", 0), 0U);
}

// Undo names an edit's fields as `edit` does: a start with its offset, a length, an
// activity (its kind follows it), never seconds since 1970 or a column's name.
TEST(UndoAnyChange, AnUndoneEditNamesItsFieldsAsEditDoes) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25", "--at", "07:00"});
  cli.run({"edit", "1", "--at", "06:30"});
  EXPECT_EQ(cli.run({"undo"}).out,
            "undid edit of #1: start 2026-11-24T07:00:00+01:00 -> 2026-11-24T06:30:00+01:00\n");
  cli.run({"edit", "1", "--for", "1h"});
  EXPECT_EQ(cli.run({"undo"}).out, "undid edit of #1: length 25m -> 1h\n");
  cli.run({"edit", "1", "--activity", "break"});
  EXPECT_EQ(cli.run({"undo"}).out, "undid edit of #1: activity walk -> break\n");
}

// An undone removal brings the entry (or pause) back under a new id; the changes before
// the removal are then undone on what came back, not on the id that is gone.
TEST(UndoAnyChange, ChangesBeforeAnUndoneRemovalFollowWhatCameBack) {
  CliHarness cli;
  cli.run({"log", "walk", "--for", "20m", "--pain", "4"});
  cli.run({"edit", "1", "--pain", "2"});
  cli.run({"rm", "1"});
  EXPECT_EQ(cli.run({"undo"}).out.rfind("undid rm of #1 walk", 0), 0U);
  EXPECT_EQ(cli.run({"undo"}).out, "undid edit of #1: pain 4 -> 2\n");
  const auto entries = nlohmann::json::parse(cli.run({"list", "--json"}).out);
  ASSERT_EQ(entries.size(), 1U) << entries.dump();  // not a second copy of the walk
  EXPECT_EQ(entries.at(0).at("pain"), 4);
  EXPECT_EQ(cli.run({"undo"}).out.rfind("undid log of #1 walk", 0), 0U);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 0U);
  expect_refused(cli.run({"undo"}), 2, "nothing to undo");

  cli.run({"pause", "--from", "2026-12-01", "--to", "2026-12-05"});
  cli.run({"pause", "rm", "1"});
  EXPECT_EQ(cli.run({"undo"}).out.rfind("undid pause rm", 0), 0U);
  EXPECT_EQ(cli.run({"undo"}).out.rfind("undid pause add", 0), 0U);
  EXPECT_EQ(cli.run({"pause", "list"}).out, "no pauses\n");
}

TEST(UndoAnyChange, AfterASyncOnlyChangesMadeHereAreUndone) {
  CliHarness here;
  CliHarness there;
  const std::string folder = here.dir.file("shared");
  here.run({"log", "walk", "--minutes", "25"});
  ASSERT_EQ(here.run({"sync", folder}).code, 0);
  ASSERT_EQ(there.run({"sync", folder}).code, 0);
  EXPECT_EQ(nlohmann::json::parse(there.run({"list", "--json"}).out).size(), 1U);
  expect_refused(there.run({"undo"}), 2, "nothing to undo");  // it came by sync
  there.run({"log", "break"});
  there.run({"edit", "1", "--pain", "3"});
  EXPECT_EQ(there.run({"undo"}).out, "undid edit of #1: pain none -> 3\n");
  EXPECT_EQ(there.run({"undo"}).out.rfind("undid log of #2 break", 0), 0U);
  expect_refused(there.run({"undo"}), 2, "nothing to undo");
  EXPECT_EQ(nlohmann::json::parse(there.run({"list", "--json"}).out).size(), 1U);
  // The undone changes sync like any other: the other machine ends the same.
  ASSERT_EQ(there.run({"sync"}).code, 0);
  ASSERT_EQ(here.run({"sync"}).code, 0);
  EXPECT_EQ(here.run({"export", "--format", "json"}).out,
            there.run({"export", "--format", "json"}).out);
}

TEST(UndoAnyChange, UndoingAStopBringsTheTimerBackAsItWas) {
  CliHarness cli;
  ASSERT_EQ(cli.run({"start", "walk"}).code, 0);  // at 07:30
  cli.environment.qlfit_now = "2026-11-24T08:00:00+01:00";
  ASSERT_EQ(cli.run({"stop"}).code, 0);
  EXPECT_EQ(cli.run({"undo"}).out,
            "undid stop of #1 walk Tue 24 Nov 07:30 (30m); the timer runs again\n");
  EXPECT_EQ(cli.run({"list"}).out.find("#1"), std::string::npos);
  // The same timer: the walk started at 07:30, stopped again later.
  cli.environment.qlfit_now = "2026-11-24T08:10:00+01:00";
  EXPECT_EQ(cli.run({"stop"}).out.rfind("#2 walk Tue 24 Nov 07:30 40m", 0), 0U);
  const auto entries = nlohmann::json::parse(cli.run({"list", "--json"}).out);
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries.at(0).at("start"), "2026-11-24T07:30:00+01:00");
  EXPECT_EQ(entries.at(0).at("duration_s"), 2400);
  // Another timer running: undoing the stop would need two; refused, nothing changed.
  ASSERT_EQ(cli.run({"start", "break"}).code, 0);
  const std::string list = cli.run({"list"}).out;
  expect_refused(cli.run({"undo"}), 2, "a timer is running");
  EXPECT_EQ(cli.run({"list"}).out, list);
  EXPECT_EQ(cli.run({"stop", "--cancel"}).code, 0);
  EXPECT_EQ(cli.run({"undo"}).out.rfind("undid stop of #2 walk", 0), 0U) << cli.run({"list"}).out;
}

// Undo after a sync never overwrites a change another machine made since: what still holds
// this machine's change is reverted, the rest is kept and named.
class UndoAfterSync : public ::testing::Test {
 protected:
  void SetUp() override {
    here.environment.qlfit_now = "2026-11-24T09:00:00+01:00";
    there.environment.qlfit_now = "2026-11-24T10:00:00+01:00";
    ASSERT_EQ(here.run({"log", "walk", "--minutes", "25", "--pain", "4", "--note", "a"}).code, 0);
    sync();
  }
  void sync() {
    for (CliHarness* machine : {&here, &there, &here})
      ASSERT_EQ(machine->run({"sync", folder}).code, 0);
  }
  // Both machines end with the same data, as `here` holds it.
  void converged() {
    sync();
    EXPECT_EQ(here.run({"export", "--format", "json"}).out,
              there.run({"export", "--format", "json"}).out);
  }
  // `change` made on `machine` at `at` (its clock), then everyone synced.
  void changed_then_synced(CliHarness& machine, const char* at,
                           const std::vector<std::string>& change) {
    machine.environment.qlfit_now = at;
    ASSERT_EQ(machine.run(change).code, 0) << change.at(0);
    sync();
  }
  nlohmann::json entry(const CliHarness& machine) {
    return nlohmann::json::parse(machine.run({"list", "--json"}).out).at(0);
  }
  CliHarness here;
  CliHarness there;
  std::string folder = here.dir.file("shared");
};

TEST_F(UndoAfterSync, AnEditKeepsTheFieldsAnotherMachineChangedSince) {
  ASSERT_EQ(here.run({"edit", "1", "--pain", "2", "--note", "b"}).code, 0);
  sync();
  changed_then_synced(there, "2026-11-24T11:00:00+01:00",
                      {"edit", "1", "--pain", "5"});  // later, elsewhere
  here.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  // The note's text is private: the line says what became of it, never a bare "note".
  EXPECT_EQ(here.run({"undo"}).out,
            "undid edit of #1: note back as it was; kept pain 5 (changed on another machine "
            "since)\n");
  EXPECT_EQ(entry(here).at("pain"), 5);
  EXPECT_EQ(entry(here).at("note"), "a");
  converged();
  EXPECT_EQ(entry(there).at("pain"), 5);
  // Nothing of it left to revert: the change is stepped over, and says so.
  ASSERT_EQ(here.run({"edit", "1", "--pain", "1"}).code, 0);
  sync();
  changed_then_synced(there, "2026-11-24T13:00:00+01:00", {"edit", "1", "--pain", "6"});
  EXPECT_EQ(here.run({"undo"}).out,
            "nothing undone: the edit of #1 (pain 5 -> 1) was changed on another machine since "
            "(now pain 6), so it is kept as it is; the next undo goes on to the change before "
            "it\n");
  EXPECT_EQ(entry(here).at("pain"), 6);
  converged();
}

TEST_F(UndoAfterSync, ALogAnotherMachineEditedSinceIsKept) {
  changed_then_synced(there, "2026-11-24T11:00:00+01:00", {"edit", "1", "--pain", "3"});
  // Nothing was reverted: the line never says "undid", and says the step is passed over.
  const auto undone = here.run({"undo"});
  EXPECT_EQ(undone.code, 0);
  EXPECT_EQ(undone.out,
            "nothing undone: the log of #1 walk Tue 24 Nov 09:00 (25m) was changed on another "
            "machine since, so it is kept as it is; the next undo goes on to the change before "
            "it\n");
  EXPECT_EQ(entry(here).at("pain"), 3);
  converged();
  EXPECT_EQ(nlohmann::json::parse(there.run({"list", "--json"}).out).size(), 1U);
  expect_refused(here.run({"undo"}), 2, "nothing to undo");
}

TEST_F(UndoAfterSync, ARemovalComesBackWithWhatAnotherMachineChangedMeanwhile) {
  ASSERT_EQ(here.run({"rm", "1"}).code, 0);
  changed_then_synced(there, "2026-11-24T11:00:00+01:00",
                      {"edit", "1", "--pain", "6"});    // before the removal reached it
  EXPECT_EQ(here.run({"list", "--json"}).out, "[]\n");  // a removal is final
  here.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  const auto undone = here.run({"undo"});
  EXPECT_NE(undone.out.find("undid rm of #1 walk"), std::string::npos) << undone.out;
  EXPECT_NE(undone.out.find("; kept pain 6 (changed on another machine since)"), std::string::npos)
      << undone.out;
  EXPECT_EQ(entry(here).at("pain"), 6);
  converged();
  EXPECT_EQ(entry(there).at("pain"), 6);
}

TEST_F(UndoAfterSync, ASettingAnotherMachineChangedSinceIsKept) {
  ASSERT_EQ(here.run({"config", "set", "walk.min", "25"}).code, 0);
  sync();
  changed_then_synced(there, "2026-11-24T11:00:00+01:00", {"config", "set", "walk.min", "28"});
  EXPECT_EQ(here.run({"undo"}).out,
            "nothing undone: the config set walk.min was changed on another machine since, so it "
            "is kept as it is; the next undo goes on to the change before it\n");
  EXPECT_EQ(here.run({"config", "get", "walk.min"}).out, "28\n");
  converged();
}

// An activity removed here that another machine logged an entry with is held, archived,
// for that entry (docs/sync.md, rule 5): no machine changed it, so undo brings it back.
TEST_F(UndoAfterSync, ARemovedActivityHeldForAnotherMachinesEntryComesBack) {
  ASSERT_EQ(here.run({"activity", "add", "yoga", "--kind", "session"}).code, 0);
  sync();
  ASSERT_EQ(here.run({"activity", "rm", "yoga"}).code, 0);
  changed_then_synced(there, "2026-11-24T11:00:00+01:00", {"log", "yoga"});
  here.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
  EXPECT_EQ(here.run({"undo"}).out, "undid activity rm yoga\n");
  converged();
  for (const CliHarness* machine : {&here, &there})
    EXPECT_NE(machine->run({"activity", "list"}).out.find("yoga"), std::string::npos);
}

TEST(Undo, RevertsTheLastLogAndSaysWhich) {
  CliHarness cli;
  cli.run({"log", "butt-walk"});
  cli.run({"log", "walk", "--minutes", "25"});
  const auto result = cli.run({"undo"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out, "undid log of #2 walk Tue 24 Nov 07:30 (25m)\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"list", "--json"}).out).size(), 1U);
}

TEST(Undo, NothingToUndoIsExitTwoAndCreatesNothing) {
  CliHarness cli;
  expect_refused(cli.run({"undo"}), 2, "nothing to undo");
  expect_refused(cli.run({"stop", "--cancel"}), 2, "no timer");
  EXPECT_EQ(cli.run({"config", "unset", "walk.min"}).code, 0);
  EXPECT_FALSE(cli.db_exists());
}

}  // namespace
}  // namespace qlfit::testing
