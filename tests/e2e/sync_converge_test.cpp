// What concurrent changes on two or three real databases merge into is data every command
// takes (docs/sync.md, "Applying operations", rules 5 to 7): one activity added with two
// kinds, overlapping pauses. Each machine's export is byte-identical, imports into a fresh
// database without error, and `stats` reads the same there as on every machine.
#include "cli_harness.hpp"
#include "files.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qlfit::testing {
namespace {

constexpr const char* kAfter = "2026-11-29T20:00:00+01:00";  // when every machine is read

std::string exported(const CliHarness& cli) {
  return cli.run({"export", "--format", "json"}).out;
}

// Each of `devices` syncs in turn, twice round: all have everything after.
void sync_all(const std::vector<CliHarness*>& devices, const std::string& folder) {
  for (int round = 0; round < 2; ++round) {
    for (CliHarness* device : devices)
      ASSERT_EQ(device->run({"sync", folder}).code, 0);
  }
}

// Every machine exports the same bytes, that export imports into a fresh database, and
// `stats` (of this week and of the last four) reads the same on all of them.
void expect_one_state(const std::vector<CliHarness*>& devices) {
  const std::string both = exported(*devices.front());
  for (CliHarness* device : devices)
    EXPECT_EQ(exported(*device), both);
  CliHarness fresh;
  const std::string file = fresh.dir.file("export.json");
  write(file, both);
  const auto imported = fresh.run({"import", file, "--format", "json"});
  EXPECT_EQ(imported.code, 0) << imported.err;
  EXPECT_EQ(imported.err, "");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"stats"}, std::vector<std::string>{"stats", "--weeks", "4"}}) {
    fresh.environment.qlfit_now = kAfter;
    const std::string read = fresh.run(args).out;
    EXPECT_NE(read, "");
    for (CliHarness* device : devices) {
      device->environment.qlfit_now = kAfter;
      EXPECT_EQ(device->run(args).out, read);
    }
  }
}

// The kind every line of `export` gives plank, its activity's and each entry's.
std::vector<std::string> plank_kinds(const std::string& json) {
  std::vector<std::string> kinds;
  for (std::size_t at = json.find(R"("plank")"); at != std::string::npos;
       at = json.find(R"("plank")", at + 1)) {
    const auto kind = json.find(R"("kind": ")", at);
    kinds.push_back(json.substr(kind + 9, json.find('"', kind + 9) - kind - 9));
  }
  return kinds;
}

TEST(SyncConverge, OneActivityAddedWithTwoKindsTakesTheLaterAddsKindOnEveryEntry) {
  for (const bool walk_later : {true, false}) {
    for (const bool a_syncs_first : {true, false}) {
      CliHarness a;
      CliHarness b;
      CliHarness c;  // a third device, that syncs in between
      const std::string folder = a.dir.file("shared");
      a.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
      b.environment.qlfit_now =
          walk_later ? "2026-11-24T13:00:00+01:00" : "2026-11-24T11:00:00+01:00";
      ASSERT_EQ(a.run({"activity", "add", "plank", "--kind", "session"}).code, 0);
      ASSERT_EQ(a.run({"log", "plank"}).code, 0);
      ASSERT_EQ(b.run({"activity", "add", "plank", "--kind", "walk"}).code, 0);
      ASSERT_EQ(b.run({"log", "plank", "--minutes", "20"}).code, 0);
      CliHarness& first = a_syncs_first ? a : b;
      CliHarness& second = a_syncs_first ? b : a;
      ASSERT_EQ(first.run({"sync", folder}).code, 0);
      ASSERT_EQ(c.run({"sync", folder}).code, 0);
      // c logs plank as it knows it so far: its entry arrives on `second` with `first`'s kind,
      // maybe before `first`'s add does.
      ASSERT_EQ(c.run({"log", "plank", "--minutes", "15"}).code, 0);
      ASSERT_EQ(second.run({"sync", folder}).code, 0);
      sync_all({&c, &first, &second}, folder);
      const std::string kind = walk_later ? "walk" : "session";
      EXPECT_EQ(plank_kinds(exported(c)), std::vector<std::string>(4, kind))
          << walk_later << a_syncs_first << exported(c);
      expect_one_state({&a, &b, &c});
      EXPECT_EQ(a.run({"activity", "list"}).out, b.run({"activity", "list"}).out);
      // The kind an entry took from its activity is no change made to it: a's undo of its
      // log takes the entry back, whichever kind it has now.
      const auto undone = a.run({"undo"});
      EXPECT_EQ(undone.code, 0) << undone.err;
      EXPECT_EQ(undone.out.rfind("undid log", 0), 0U) << undone.out;
      sync_all({&a, &b, &c}, folder);
      EXPECT_EQ(plank_kinds(exported(b)), std::vector<std::string>(3, kind)) << exported(b);
      expect_one_state({&a, &b, &c});
    }
  }
}

TEST(SyncConverge, AnActivityRemovedWhileAnotherMachineLoggedItKeepsItsLatestAddsKind) {
  // a adds plank (a session) and removes it, no entry of it there; b added it earlier, as a
  // walk, and logged one: b's entry keeps plank, archived, with a's kind, the later add's.
  for (const bool a_syncs_first : {true, false}) {
    CliHarness a;
    CliHarness b;
    const std::string folder = a.dir.file("shared");
    a.environment.qlfit_now = "2026-11-24T12:00:00+01:00";
    b.environment.qlfit_now = "2026-11-24T11:00:00+01:00";
    ASSERT_EQ(b.run({"activity", "add", "plank", "--kind", "walk"}).code, 0);
    ASSERT_EQ(b.run({"log", "plank", "--minutes", "20"}).code, 0);
    ASSERT_EQ(a.run({"activity", "add", "plank", "--kind", "session"}).code, 0);
    a.environment.qlfit_now = "2026-11-24T12:30:00+01:00";
    ASSERT_EQ(a.run({"activity", "rm", "plank"}).code, 0);
    if (a_syncs_first)
      sync_all({&a, &b}, folder);
    else
      sync_all({&b, &a}, folder);
    EXPECT_EQ(plank_kinds(exported(a)), std::vector<std::string>(2, "session"))
        << a_syncs_first << exported(a);
    expect_one_state({&a, &b});
  }
}

TEST(SyncConverge, AnActivityRemovedGoesWithTheLastEntryThatKeptIt) {
  // a removes plank, which has no entry there; b logged one, and it or a removes that entry:
  // plank is gone on both, whichever machine removed the entry and whatever came first.
  for (const bool b_removes : {true, false}) {
    CliHarness a;
    CliHarness b;
    const std::string folder = a.dir.file("shared");
    ASSERT_EQ(a.run({"activity", "add", "plank", "--kind", "session"}).code, 0);
    sync_all({&a, &b}, folder);
    ASSERT_EQ(b.run({"log", "plank"}).code, 0);
    ASSERT_EQ(a.run({"activity", "rm", "plank"}).code, 0);
    if (b_removes) {
      ASSERT_EQ(b.run({"rm", "1"}).code, 0);
    } else {
      sync_all({&b, &a}, folder);  // a has b's entry now, and plank archived for it
      EXPECT_NE(a.run({"activity", "list", "--all"}).out.find("plank"), std::string::npos);
      ASSERT_EQ(a.run({"rm", "1"}).code, 0);
    }
    sync_all({&a, &b}, folder);
    EXPECT_EQ(exported(a).find("plank"), std::string::npos) << b_removes << exported(a);
    expect_one_state({&a, &b});
  }
}

TEST(SyncConverge, OverlappingPausesFromTwoMachinesAreBothKeptAndEachUndoesItsOwn) {
  for (const bool a_syncs_first : {true, false}) {
    CliHarness a;
    CliHarness b;
    CliHarness c;
    const std::string folder = a.dir.file("shared");
    ASSERT_EQ(a.run({"log", "butt-walk", "--at", "2026-11-24T07:00"}).code, 0);
    ASSERT_EQ(a.run({"pause", "--from", "2026-11-23", "--to", "2026-11-26", "--note", "a"}).code,
              0);
    ASSERT_EQ(b.run({"pause", "--from", "2026-11-25", "--to", "2026-11-29"}).code, 0);
    if (a_syncs_first)
      sync_all({&a, &c, &b}, folder);
    else
      sync_all({&b, &c, &a}, folder);
    const std::string both = exported(c);
    EXPECT_NE(both.find(R"("from": "2026-11-23")"), std::string::npos) << both;
    EXPECT_NE(both.find(R"("from": "2026-11-25")"), std::string::npos) << both;
    expect_one_state({&a, &b, &c});
    // A day two pauses cover is one paused day: the week is paused through Sunday.
    c.environment.qlfit_now = kAfter;
    EXPECT_NE(c.run({"stats"}).out.find("paused"), std::string::npos);
    // A new pause over either is refused, as on one machine.
    const auto over = c.run({"pause", "--from", "2026-11-26", "--to", "2026-11-27"});
    EXPECT_EQ(over.code, 2);
    // Each machine's undo takes back its own pause, and only that, everywhere.
    a.environment.qlfit_now = kAfter;
    const auto undone = a.run({"undo"});
    EXPECT_EQ(undone.code, 0) << undone.err;
    sync_all({&a, &b, &c}, folder);
    const std::string left = exported(b);
    EXPECT_EQ(left.find(R"("from": "2026-11-23")"), std::string::npos) << left;
    EXPECT_NE(left.find(R"("from": "2026-11-25")"), std::string::npos) << left;
    expect_one_state({&a, &b, &c});
  }
}

}  // namespace
}  // namespace qlfit::testing
